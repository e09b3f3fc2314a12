//! The `stancemap` binary: parse arguments, run, exit with the documented code.

fn main() -> std::process::ExitCode {
    stancemap::cli::run(std::env::args_os())
}
