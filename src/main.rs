//! The `dts-conformance` command line; everything it does lives in the library's `cli`.

fn main() -> std::process::ExitCode {
    dts_conformance::cli::main()
}
