//! Accounts: signing up, verifying an email address, signing in and out.
use serde::{Deserialize, Serialize};

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod housekeeping;
#[cfg(feature = "ssr")]
pub mod oauth;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod preferences;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod tokens;

/// The signed-in person, as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub verified: bool,
    pub is_admin: bool,
}

impl CurrentUser {
    /// Steps that act on who a person is (joining a team, taking a role) wait until
    /// their address is proven.
    pub fn require_verified(&self) -> Result<(), crate::error::AppError> {
        if self.verified {
            Ok(())
        } else {
            Err(crate::error::AppError::Unverified)
        }
    }
}

/// The signed-in person's own details, for the profile page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub nip: Option<String>,
    pub verified: bool,
    pub affiliations: Vec<crate::organizations::MyAffiliation>,
    /// An organization admin confirmed the NIP when approving an affiliation.
    pub nip_confirmed: bool,
    /// Stage notices and the deadline reminder are mailed (`accounts::preferences`).
    pub reminders: bool,
}
