//! Finding and reading a record's files within the limits: the only file reads.
//!
//! A directory's YAML files are listed in name order (so diagnostics come out in a
//! stable order); links, devices and other files are reported and skipped, never
//! opened. A file's size is checked before it is read and again while reading.

use super::{Limits, LoadError, SourceFiles};
use crate::diagnostic::{Code, Diagnostic};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The YAML files of a record, in name order, and whether they are entries of a
/// record directory (rather than one file the user named); other entries get a warning.
pub(super) fn list_record_files(
    path: &Path,
    limits: &Limits,
    files: &mut SourceFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Vec<PathBuf>, bool), LoadError> {
    let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => LoadError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    if metadata.is_file() {
        return Ok((vec![path.to_path_buf()], false));
    }
    if !metadata.is_dir() {
        // Opening a FIFO would wait for a writer forever; a device may never end.
        return Err(LoadError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    let io_error = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io_error)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io_error)?;
    entries.sort();

    let mut yaml = Vec::new();
    for entry in entries {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue; // editor swap files, .gitkeep: not the analyst's record
        }
        if name.eq_ignore_ascii_case("README.md") {
            continue; // the folder's own description (`stancemap init` writes one)
        }
        let is_yaml = matches!(
            entry.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        // symlink_metadata: a link is reported, never followed, so a link cannot
        // pull in a file from outside the record or loop back into it.
        let problem = match std::fs::symlink_metadata(&entry).map(|m| m.file_type()) {
            // Sub-directories (notes/, sources/) are not part of the record.
            Ok(t) if t.is_dir() => continue,
            Ok(t) if t.is_symlink() => {
                Some("is a symbolic link; stancemap does not follow links in a record directory")
            }
            Ok(t) if !t.is_file() => {
                Some("is not a regular file (a pipe, socket or device) and was not opened")
            }
            Ok(_) => None,
            Err(_) => Some("cannot be inspected"),
        };
        if let Some(problem) = problem {
            let file = files.add(display_name(&entry), String::new());
            diagnostics.push(
                Diagnostic::new(
                    Code::IgnoredFile,
                    Some(files.location_at(file, 0, 0)),
                    format!("{} {problem}; it was skipped", display_name(&entry)),
                )
                .hint("keep the record's YAML files as plain files inside the record directory (copy a linked file in instead of linking it)"),
            );
            continue;
        }
        if is_yaml {
            yaml.push(entry);
        } else {
            let file = files.add(display_name(&entry), String::new());
            diagnostics.push(
                Diagnostic::new(
                    Code::IgnoredFile,
                    Some(files.location_at(file, 0, 0)),
                    format!("{} is not a YAML file and was skipped", display_name(&entry)),
                )
                .hint("record files end in .yaml or .yml; move other files out of the record directory"),
            );
        }
    }
    if yaml.len() > limits.max_files {
        diagnostics.push(too_many_files(&path.display().to_string(), limits));
        yaml.truncate(limits.max_files);
    }
    if yaml.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::EmptyRecord,
                None,
                format!("{} holds no YAML files (*.yaml, *.yml)", path.display()),
            )
            .hint("point stancemap at the record directory, e.g. `stancemap check data`"),
        );
    }
    Ok((yaml, true))
}

pub(super) fn too_many_files(what: &str, limits: &Limits) -> Diagnostic {
    Diagnostic::new(
        Code::LimitExceeded,
        None,
        format!(
            "{what} holds more YAML files than the limit of {} (max-files); the rest were not read",
            limits.max_files
        ),
    )
    .hint("split the record, or raise the limit with --max-files N")
}

/// Which size limit a file of `size` bytes breaks, after `total` bytes already read.
pub(super) fn size_over_limit(size: u64, total: u64, limits: &Limits) -> Option<String> {
    if size > limits.max_file_bytes {
        Some(format!(
            "is {size} bytes, more than the per-file limit of {} bytes (max-file-mib {}); it was not read",
            limits.max_file_bytes,
            mib(limits.max_file_bytes)
        ))
    } else if total.saturating_add(size) > limits.max_record_bytes {
        Some(format!(
            "takes the record past its limit of {} bytes in all (max-record-mib {}); it was not read",
            limits.max_record_bytes,
            mib(limits.max_record_bytes)
        ))
    } else {
        None
    }
}

pub(super) fn mib(bytes: u64) -> String {
    if bytes.is_multiple_of(1 << 20) {
        (bytes >> 20).to_string()
    } else {
        format!("{:.3}", bytes as f64 / (1 << 20) as f64)
    }
}

pub(super) fn size_diagnostic(
    files: &SourceFiles,
    file: usize,
    name: &str,
    over: String,
) -> Diagnostic {
    let flag = if over.contains("per-file") {
        "--max-file-mib N"
    } else {
        "--max-record-mib N"
    };
    Diagnostic::new(
        Code::LimitExceeded,
        Some(files.location_at(file, 0, 0)),
        format!("{name} {over}"),
    )
    .hint(format!(
        "split the record into smaller files, or raise the limit with {flag}"
    ))
}

/// Opens a record file for reading without following a link that replaced it since
/// it was listed, and without blocking on a FIFO.
fn open_record_file(path: &Path, in_dir: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if in_dir { libc::O_NOFOLLOW } else { 0 };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    #[cfg(not(unix))]
    let _ = in_dir;
    options.open(path)
}

/// Reads one file as UTF-8 text within the limits; `None` when a diagnostic replaced it.
pub(super) fn read_text(
    path: &Path,
    in_dir: bool,
    limits: &Limits,
    total_bytes: &mut u64,
    files: &mut SourceFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<String>, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = open_record_file(path, in_dir).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if !metadata.is_file() {
        // Swapped for a pipe or device between listing and opening.
        return Err(LoadError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    let size = metadata.len();
    let over = |size| size_over_limit(size, *total_bytes, limits);
    if let Some(over) = over(size) {
        let file = files.add(display_name(path), String::new());
        diagnostics.push(size_diagnostic(files, file, &display_name(path), over));
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // take(): a file that grows while we read cannot push us past the limit.
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if let Some(over) = over(bytes.len() as u64) {
        let file = files.add(display_name(path), String::new());
        diagnostics.push(size_diagnostic(files, file, &display_name(path), over));
        return Ok(None);
    }
    *total_bytes += bytes.len() as u64;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = files.add(display_name(path), prefix);
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidUtf8,
                    Some(files.location_at(file, valid, 0)),
                    format!("{} is not valid UTF-8 (byte {valid} starts an invalid sequence)", display_name(path)),
                )
                .label("invalid UTF-8 here")
                .hint("save the file as UTF-8 text; a binary file does not belong in the record directory"),
            );
            Ok(None)
        }
    }
}

pub(super) fn display_name(path: &Path) -> String {
    path.display().to_string()
}
