//! The `glose` binary: the command line and the terminal UI, both front doors of the
//! glose library.

use std::process::ExitCode;

fn main() -> ExitCode {
    glose::cli::main()
}
