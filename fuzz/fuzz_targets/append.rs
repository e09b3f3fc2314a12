//! `new --append`: a valid file in a random style plus a random entry is either
//! appended (old bytes kept, no new error in them, the file parses) or refused.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    stancemap_fuzz::append::check(data);
});
