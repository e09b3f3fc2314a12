//! The loader's floor: read every YAML file of a record directory, one after the
//! other on one thread, and run the YAML parser (granit-parser, the one the
//! loader uses) over it, dropping every event. No tree, no model, no checks.
//! Issue 16 holds `stancemap check` (which builds its tree straight from these
//! events, files in parallel) to at most 1.5 times this; `benches/compare.sh`
//! measures both as whole processes.
//!
//! Usage: cargo run --release --example event_floor -- DIR

use granit_parser::Parser;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: event_floor DIR");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    let mut events = 0usize;
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("UTF-8 file");
        let mut parser = Parser::new_from_str(&text);
        while let Some(next) = parser.next_event() {
            next.expect("valid YAML");
            events += 1;
        }
    }
    println!("{events} events");
}
