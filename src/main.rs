//! The `glose` binary: the command line and the terminal UI, both front doors of the
//! glose library.

use std::process::ExitCode;

/// mimalloc: glose's commands make hundreds of thousands of small allocations (a coding's
/// strings, an export's records) across threads, which it serves faster than the system
/// allocator and with fewer fresh pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    glose::cli::main()
}
