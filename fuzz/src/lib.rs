//! Fuzzing stancemap: the loader and validator (`harness`), records built from the
//! model with fields removed or broken (`structured`), `new --append` (`append`)
//! and every writer (`writers`).
pub mod append;
pub mod harness;
pub mod structured;
pub mod writers;
