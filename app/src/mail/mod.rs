//! The mail outbox: every mail the system sends is a row first, delivered after.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

/// Where a mail is on its way out: `Pending` → `Sending` (claimed by one instance) →
/// `Sent`, or back to `Pending` after a failure, and `Failed` after the last attempt.
/// Stored as the strings the variants name (and sent to the browser as the same).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum MailState {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sending"))]
    Sending,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sent"))]
    Sent,
    /// Gave up after `service::MAX_ATTEMPTS`; stays for an admin to look at.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "failed"))]
    Failed,
}

impl MailState {
    pub fn label(self) -> Key {
        match self {
            MailState::Pending => Key::OutboxStatePending,
            MailState::Sending => Key::OutboxStateSending,
            MailState::Sent => Key::OutboxStateSent,
            MailState::Failed => Key::OutboxStateFailed,
        }
    }
}

/// One mail as the outbox page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub recipient: String,
    pub subject: String,
    pub state: MailState,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
}
