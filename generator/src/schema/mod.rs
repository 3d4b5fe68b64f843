//! The schema stage: page facts → one coherent [`Schema`].

mod build;
mod enums;
mod inheritance;
mod model;
mod resolve;

pub use crate::qualified_name::{namespace_of, page_stem, short};
pub use build::{Example, build};
pub use inheritance::{ancestors, base_chain};
pub use model::*;
