//! Reading a YAML document that is not a record file (a what-if scenario) with the
//! record's own machinery: the located tree, the deserializer that reports every
//! unknown field (with "did you mean"), wrong shape and null, and the limits. So a
//! scenario gets the same located diagnostics as the record, from one parser.

use super::{parse, Limits, SourceFiles};
use crate::diagnostic::Diagnostic;

/// Parses `text` (named `name` in diagnostics) into `T`. The file is added to
/// `files`, whose index the returned diagnostics and `T`'s spans refer to.
pub fn read_document<T: serde::de::DeserializeOwned + Default>(
    files: &mut SourceFiles,
    name: String,
    text: String,
    limits: &Limits,
) -> (usize, T, Vec<Diagnostic>) {
    let file = files.add(name, text);
    let (tree, mut diagnostics) = parse::build_located(files, file, limits);
    let Some(tree) = tree else {
        return (file, T::default(), diagnostics);
    };
    let root = tree.roots.first().copied();
    let (value, _marks) = parse::read_root::<T>(files, file, &tree, root, limits, &mut diagnostics);
    (file, value, diagnostics)
}

/// Reads one text file that is not part of the record (a scenario): a regular
/// file, within the file size limit, in UTF-8.
pub fn read_text_file(path: &std::path::Path, limits: &Limits) -> Result<String, super::LoadError> {
    use std::io::Read;
    let io_error = |source| super::LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    if !file.metadata().map_err(io_error)?.is_file() {
        return Err(super::LoadError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    let mut bytes = Vec::new();
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(io_error(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "larger than {} bytes (--max-file-mib)",
                limits.max_file_bytes
            ),
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        io_error(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 text (a bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}
