//! Microsoft Graph reference pages (markdown) → schema → typed serde Rust.
//!
//! Stages, one job each:
//! [`reader`] (markdown → [`page::Page`]) → [`schema::facts`] (page → facts) →
//! [`schema::build`] (facts → [`schema::Schema`]) → [`emit`] (schema → Rust files) →
//! [`writer`] (files → disk, atomically, or a stale check).
//! Every defect met on the way is a [`diagnostics::Diagnostic`]; [`run_record`] lets a
//! run where nothing changed skip the stages.

// Test support (pieces of syntax to damage pages with), for the tests and xtask only.
#[cfg(feature = "test-support")]
pub mod damage;
pub mod diagnostics;
pub mod emit;
pub mod fingerprint;
pub mod naming;
pub mod page;
pub mod pipeline;
pub mod prose;
pub mod reader;
pub mod run_record;
pub mod schema;
pub mod type_cell;
pub mod writer;
