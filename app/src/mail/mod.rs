//! The mail outbox: every mail the system sends is a row first, delivered after.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

/// One mail as the outbox page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub recipient: String,
    pub subject: String,
    pub state: String,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
}
