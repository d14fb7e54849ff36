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

/// What the sign-up form posts: a plain form to `/daftar` (the server's `routes::sign_up`,
/// which answers a refusal with the form itself, password and all, never a URL that
/// carries it); the `sign_up` server function takes the same fields from pages an earlier
/// release rendered.
#[derive(Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SignUpFields {
    pub name: String,
    pub email: String,
    pub password: String,
    pub organization: String,
    /// A registered name picked among the close ones offered under the field.
    pub organization_choice: String,
    /// Where to go once verified and signed in (a path on this site; the service gets
    /// it checked as one).
    pub next: String,
}

impl std::fmt::Debug for SignUpFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignUpFields")
            .field("name", &self.name)
            .field("email", &self.email)
            .field("password", &"***")
            .field("organization", &self.organization)
            .field("organization_choice", &self.organization_choice)
            .field("next", &self.next)
            .finish()
    }
}
