//! The `dts-conformance` command line; everything it does lives in the library's `cli`.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    dts_conformance::cli::main()
}
