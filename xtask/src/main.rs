//! `cargo xtask …`: the project's commands. See README for what each does.

mod bench;
mod corpus;
mod regenerate;

use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Graph docs → Rust generator tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust from a docs tree (default: docs-input/ → generated/).
    Regenerate(regenerate::Args),
    /// Report on a docs tree: pages, types, diagnostics, example round trips, compile check.
    Corpus(corpus::Args),
    /// Measure the generator against the markdown-parse floor.
    Bench(bench::Args),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Regenerate(args) => regenerate::run(args),
        Command::Corpus(args) => corpus::run(args),
        Command::Bench(args) => bench::run(args),
    }
}

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default()
}
