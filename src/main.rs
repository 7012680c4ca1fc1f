//! The `sdrs-lint` command: the library's command-line front end (`src/cli/`, behind the `cli`
//! feature).

fn main() {
    std::process::exit(sdrs_lint::cli::run());
}
