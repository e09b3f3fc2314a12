//! The benchmark floor: parse a record directory with serde-saphyr into plain
//! serde structs — no spans, no validation, no model. `benches/compare.sh`
//! measures `stancemap check` against this whole process.
//!
//! Usage: cargo run --release --example parse_floor -- DIR

#[path = "../benches/support/plain.rs"]
mod plain;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: parse_floor DIR");
    println!(
        "{} entries parsed",
        plain::parse_dir(std::path::Path::new(&dir))
    );
}
