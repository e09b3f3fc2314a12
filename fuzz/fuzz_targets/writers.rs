//! Every export and map of any record the loader accepts is well-formed.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stancemap_fuzz::harness::mutate;

fuzz_target!(|data: &[u8]| {
    stancemap_fuzz::writers::check(mutate(data));
});
