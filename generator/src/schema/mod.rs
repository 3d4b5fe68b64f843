//! The schema stage: page facts → one coherent [`Schema`].

mod build;
mod enums;
mod inheritance;
mod model;
mod op_names;
mod resolve;

pub use crate::qualified_name::{namespace_of, page_stem, short};
pub use build::{Example, build};
pub use inheritance::{ancestors, base_chain};
pub use model::*;

/// Helpers the schema's unit tests share.
#[cfg(test)]
mod test_support {
    use std::sync::Arc;

    use crate::diagnostics::{Diagnostic, Origin};

    /// A place in the docs.
    pub fn at(file: &str, line: u32) -> Origin {
        Origin::new(&Arc::from(file), line)
    }

    /// The second place a diagnostic names.
    pub fn related(d: &Diagnostic) -> Option<Origin> {
        d.related.first().map(|r| r.origin.clone())
    }
}
