//! Raw bytes as a record (split into files at 0xFF bytes).
#![no_main]
use libfuzzer_sys::fuzz_target;
use stancemap_fuzz::harness::{check_texts, raw_texts};

fuzz_target!(|data: &[u8]| {
    check_texts(raw_texts(data));
});
