//! The `glose` binary: the command line and the terminal UI over the glose library.

mod cli;
mod tui;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
