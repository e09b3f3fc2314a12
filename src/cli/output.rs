//! Writing files safely: every file stancemap writes goes to a temporary file in
//! the same directory and is renamed into place, so a failure (a full disk, a
//! read-only directory, an interrupted run) leaves the old file intact.

use super::CliError;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (temp file + fsync + rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let context = || format!("writing {}", path.display());
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(CliError::io(context()))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(CliError::io(context()))?;
    temp.persist(path).map_err(|e| CliError::Io {
        context: context(),
        source: e.error,
    })?;
    Ok(())
}
