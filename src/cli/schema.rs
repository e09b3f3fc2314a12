//! `stancemap schema`: the JSON Schema of the record format, for editors
//! (yaml-language-server) and for validating a record outside stancemap.

use super::CliError;
use std::io::Write;

pub fn run() -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(crate::schema::schema_json().as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(CliError::io("writing to stdout"))
}
