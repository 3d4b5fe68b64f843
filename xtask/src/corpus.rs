//! `cargo xtask corpus DIR`: a report on a whole docs tree.

#[derive(clap::Args)]
pub struct Args {
    /// Docs tree (for example ../shared/graph-docs/v1.0).
    docs: std::path::PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let _ = args.docs;
    anyhow::bail!("not implemented yet")
}
