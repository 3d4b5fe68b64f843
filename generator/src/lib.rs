//! Microsoft Graph reference pages (markdown) → schema → typed serde Rust.
//!
//! Stages, one job each, each depending only on the ones before it:
//! [`reader`] (markdown → [`page::Page`], code blocks parsed, nothing interpreted) →
//! [`facts`] (one page → what it claims, prose included) →
//! [`schema::build`] (all facts → one [`schema::Schema`]) → [`emit`] (schema → Rust
//! files) → [`writer`] (files → disk, atomically, or a stale check).
//! [`qualified_name`] holds the name helpers every stage shares.
//! Every defect met on the way is a [`diagnostics::Diagnostic`]; [`run_record`] lets a
//! run where nothing changed skip the stages.

pub mod check;
// Test support (pieces of syntax to damage pages with), for the tests and xtask only.
#[cfg(feature = "test-support")]
pub mod damage;
pub mod diagnostics;
pub mod emit;
pub mod facts;
pub mod fingerprint;
pub mod naming;
pub mod package;
pub mod page;
pub mod pipeline;
pub mod qualified_name;
pub mod reader;
pub mod run_record;
pub mod schema;
pub mod writer;
