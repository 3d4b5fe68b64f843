//! The schema stage: page facts → one coherent [`Schema`].

mod build;
pub mod facts;
mod model;
mod resolve;

pub use build::{Example, ancestors, base_chain, build};
pub use model::*;
pub use resolve::{namespace_of, short};
