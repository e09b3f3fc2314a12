//! Structure-aware: the bundled record with a mutation program applied.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stancemap_fuzz::harness::{check_texts, mutate};

fuzz_target!(|data: &[u8]| {
    check_texts(mutate(data));
});
