//! Fuzzing stancemap's loader and validator; see `harness`.
pub mod harness;
