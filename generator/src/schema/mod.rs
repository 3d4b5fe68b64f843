//! The schema stage: page facts → one coherent [`Schema`].

mod build;
mod enums;
pub mod facts;
mod inheritance;
mod model;
mod resolve;

pub use build::{Example, build};
pub use inheritance::{ancestors, base_chain};
pub use model::*;
pub use resolve::{namespace_of, page_stem, short};
