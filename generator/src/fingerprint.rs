//! The docs fingerprint recorded next to the checked-in output. The code lives in the
//! `generated` crate's build directory so its build script can use it without depending
//! on this crate.

#[path = "../../generated/build/fingerprint.rs"]
mod shared;

pub use shared::{collect, fingerprint_dir, fingerprint_files};
