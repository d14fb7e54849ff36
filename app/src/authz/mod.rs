//! Who may do what. One module decides every permission, on the server; services call
//! [`service::authorize`] before they act. Pages only hide what a person may not do.
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod record;
#[cfg(feature = "ssr")]
pub mod roles;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod team;

/// A person's role in one competition. (Platform admins are marked on the account;
/// participants are team members, from the teams area.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Role {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "organizer"))]
    Organizer,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "juror"))]
    Juror,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "mentor"))]
    Mentor,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "partner"))]
    Partner,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Organizer, Role::Juror, Role::Mentor, Role::Partner];

    pub fn code(self) -> &'static str {
        match self {
            Role::Organizer => "organizer",
            Role::Juror => "juror",
            Role::Mentor => "mentor",
            Role::Partner => "partner",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> Key {
        match self {
            Role::Organizer => Key::RolesOrganizer,
            Role::Juror => Key::RolesJuror,
            Role::Mentor => Key::RolesMentor,
            Role::Partner => Key::RolesPartner,
        }
    }
}

/// Everything that needs a permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read the mail outbox (admins).
    ViewOutbox,
    /// See who has which role in a competition.
    ViewRoles { competition_id: i32 },
    /// Grant or revoke `role` in a competition: admins any role; a competition's
    /// organizers the jurors, mentors and partners.
    ManageRole { competition_id: i32, role: Role },
    /// Create, edit and remove organizations (admins).
    ManageOrganizations,
    /// Approve, refuse, invite and remove an organization's people and name its admins
    /// (platform admins, and the organization's own approved admins).
    ManageMembers { organization_id: i32 },
    /// See and withdraw a competition's open invitations (its organizers).
    ManageInvitations { competition_id: i32 },
    /// Create a new competition (admins; the creator becomes its organizer).
    CreateCompetition,
    /// Set up and publish a competition (its organizers).
    EditCompetition { competition_id: i32 },
    /// Post a challenge statement on a competition (its organizers, mentors and partners;
    /// mentors and partners for an organization they belong to).
    PostChallenge { competition_id: i32 },
    /// Be in one of a competition's teams: register one, join one, list oneself as
    /// looking for one, ask to join. Anyone without a role in the competition: its
    /// organizers, jurors, mentors and partners run, judge or support its teams.
    EnterTeams { competition_id: i32 },
    /// Run judging: close administrative selection, decide conflicts, assign jurors (its
    /// organizers).
    ManageJudging { competition_id: i32 },
    /// Judge: see one's assignments, declare conflicts and expertise (its jurors).
    Judge { competition_id: i32 },
}

/// One role held by one person, as the roles page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleAssignment {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
