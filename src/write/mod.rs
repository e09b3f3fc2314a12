//! Writing files: the only module that creates, replaces or appends to a file.
//!
//! Loading has one home (`load`); so has writing. Every command that writes —
//! `-o FILE` of `render` and `export`, `render --all DIR`, `export --format csv`,
//! `synth`, `new --append` — goes through here, so one set of rules holds for all:
//!
//! - never into the record being read (by path and by file identity, so a second
//!   name for the same file — a hard link, `data/../data/x.yaml` — is caught too);
//! - a symbolic link given as the target is refused, not silently replaced or
//!   followed, and the message says where it points;
//! - a pipe (FIFO) or character device named as the target is written *through*
//!   (`-o /dev/stdout`, `-o fifo`): it is never replaced by a regular file; a block
//!   device, socket or directory is refused; `-o -` is standard output;
//! - a regular file is replaced atomically (temp file beside it, fsync, rename),
//!   keeping its mode and owner;
//! - an existing record file (`.yaml`/`.yml`) or a folder holding anything but
//!   this command's own earlier output is only overwritten with `--force`;
//! - `new --append` adds bytes after the old ones under a lock and proves the result
//!   ([`append`]).

pub mod append;
mod atomic;
mod target;
pub mod yaml;

pub use atomic::{write_atomic, write_atomic_with, write_new, NewFile};
pub use target::{Guard, Output, Policy};

use std::io;
use std::path::PathBuf;

/// Why a write was refused or failed. Each message names the path and what to do.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("refusing to write {path}: it is {what} of the record being read ({record}); write the output outside the record")]
    IntoRecord {
        path: PathBuf,
        what: &'static str,
        record: PathBuf,
    },
    #[error("refusing to write {path}: it is a symbolic link (to {target}); stancemap neither replaces nor follows a link it is asked to write: give {target} itself, or remove the link")]
    Symlink { path: PathBuf, target: PathBuf },
    #[error("refusing to write {path}: it is {kind}, not a regular file; give a file path (or `-` for standard output)")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path} is a folder, not a file: name a file (or `-` for standard output)")]
    IsFolder { path: PathBuf },
    #[error("{path} is a file, not a folder: give a folder to write into")]
    IsFile { path: PathBuf },
    #[error("refusing to overwrite {path}: it is {what}; add --force to replace it")]
    Exists { path: PathBuf, what: String },
    #[error("cannot append to {path}: {reason}; the file was not changed")]
    AppendRefused { path: PathBuf, reason: String },
    #[error(
        "the entry appended to {path} was taken out again and the file is as it was: {reason}"
    )]
    Restored { path: PathBuf, reason: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },
}

impl WriteError {
    pub fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> WriteError {
        let context = context.into();
        move |source| WriteError::Io { context, source }
    }

    /// The underlying I/O error, if the write failed rather than being refused.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            WriteError::Io { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}
