//! Random records built from the model, with random fields removed or broken.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stancemap_fuzz::harness::check_texts;

fuzz_target!(|data: &[u8]| {
    let texts = stancemap_fuzz::structured::record(data);
    check_texts(texts.clone());
    stancemap_fuzz::writers::check(texts);
});
