//! Invitations by email to a role in a competition: an organizer invites a juror or a
//! mentor by address; the link in the mail creates the account or links the one the
//! person has, and gives the role.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::authz::Role;

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

/// The roles one may be invited to.
pub const INVITABLE: [Role; 2] = [Role::Juror, Role::Mentor];

/// An open invitation, as the roles page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i32,
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

/// What the acceptance page shows about an invitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub competition_title: String,
    pub role: Role,
    pub email: String,
    /// An account with the invited address exists.
    pub has_account: bool,
    /// The name of the signed-in person, if someone is signed in.
    pub signed_in_as: Option<String>,
}
