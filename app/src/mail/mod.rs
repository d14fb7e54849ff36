//! The mail outbox: every mail the system sends is a row first, delivered after.
#[cfg(feature = "ssr")]
pub mod service;
