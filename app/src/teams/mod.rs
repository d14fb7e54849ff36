//! Teams: a signed-in person registers a team for a competition (name, agency, region,
//! category, group) and leads it; members join by the team's code or an emailed link;
//! size limits and "one team per person per competition" hold on the server; mentors and
//! partners of the competition are asked by the lead, or offer themselves, and the other
//! side accepts or declines.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::authz::Role;
use crate::i18n::Key;

pub mod api;
#[cfg(feature = "ssr")]
pub mod members;
pub mod my_teams_page;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod registration;
pub mod support_pages;
#[cfg(feature = "ssr")]
pub mod supporters;

/// A team's name: spaces tidied, 3 to 80 characters. Unique per competition in any case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamName(String);

impl TeamName {
    pub fn parse(input: &str) -> Result<TeamName, Key> {
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = name.chars().count();
        if name.is_empty() {
            Err(Key::TeamsErrorNameRequired)
        } else if !(3..=80).contains(&length) {
            Err(Key::TeamsErrorNameLength)
        } else {
            Ok(TeamName(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form compared for uniqueness.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// Letters and digits that cannot be mistaken for each other when read aloud or typed.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
pub const CODE_LENGTH: usize = 8;

/// A team's join code, as typed: any case, spaces and hyphens ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinCode(String);

impl JoinCode {
    pub fn parse(input: &str) -> Option<JoinCode> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        (code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b)))
            .then_some(JoinCode(code))
    }

    /// A fresh random code.
    #[cfg(feature = "ssr")]
    pub fn generate() -> JoinCode {
        use rand::Rng;
        let mut rng = rand::rngs::OsRng;
        JoinCode(
            (0..CODE_LENGTH)
                .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
                .collect(),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A category or group a team can choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    pub name: String,
}

/// What the registration page needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationPage {
    pub slug: String,
    pub competition_title: String,
    /// Registration is open by the server clock.
    pub open: bool,
    pub registration_closes_at: DateTime<Utc>,
    pub categories: Vec<Choice>,
    pub groups: Vec<Choice>,
    /// The reader's team in this competition, if they are in one.
    pub own_team: Option<i32>,
    /// The role the reader holds in this competition, which keeps them out of its teams.
    pub outside_as: Option<Role>,
    pub team_min: i32,
    pub team_max: i32,
    /// Region labels for the region field's suggestions.
    pub regions: Vec<String>,
    /// What the form starts with: the agency and region of the reader's approved
    /// affiliation (the first, by name) and the group when there is only one.
    pub agency: String,
    pub region: String,
    pub group: String,
}

/// A member as the team page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i32,
    pub name: String,
    pub is_lead: bool,
}

/// A mentor or partner asked to support a team (or offering to), and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupporterView {
    pub id: i32,
    pub name: String,
    pub role: Role,
    pub status: RequestStatus,
    /// The mentor or partner offered (the lead answers); else the lead asked them.
    pub offered: bool,
}

/// Everything the team page shows; lead-only parts are empty for others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub id: i32,
    pub name: String,
    pub competition_slug: String,
    pub competition_title: String,
    pub agency: String,
    pub region: Option<String>,
    pub category: Option<String>,
    pub group: Option<String>,
    pub members: Vec<MemberView>,
    pub team_min: i32,
    pub team_max: i32,
    pub registration_open: bool,
    pub registration_closes_at: DateTime<Utc>,
    /// The reader's own user id.
    pub viewer_id: i32,
    /// The reader leads the team.
    pub is_lead: bool,
    /// The reader is a member (the lead included): they write the proposal.
    pub is_member: bool,
    /// The reader comments on the proposal (members and accepted mentors and partners).
    pub comments: bool,
    /// The join code; the lead sees it.
    pub join_code: Option<String>,
    /// Addresses the lead invited, and whether they joined.
    pub invites: Vec<(String, bool)>,
    pub supporters: Vec<SupporterView>,
    /// Mentors and partners of the competition the lead may still ask: (user id, name, role).
    pub available_supporters: Vec<(i32, String, Role)>,
    /// The competition's challenges and the one the team answers.
    pub challenge: crate::challenges::TeamChallenge,
}

/// What the join page shows about the team a code belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinView {
    pub code: String,
    pub team_name: String,
    pub competition_title: String,
    pub members: usize,
    pub team_max: i32,
    /// Why the reader cannot join now, if they cannot (a message key's name).
    pub blocked: Option<String>,
    pub signed_in: bool,
}

/// A team the reader belongs to, or supports, as their list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub id: i32,
    pub name: String,
    pub competition_title: String,
    /// For a member: lead or not.
    pub is_lead: bool,
    /// For a mentor or partner: the request or offer that links them to the team.
    pub support: Option<SupporterView>,
}

/// The reader's teams: those they are in, those they support, and the requests and
/// offers of support between them and teams.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTeams {
    pub member_of: Vec<TeamSummary>,
    /// Accepted: the reader reads the team and comments on its proposal.
    pub supporting: Vec<TeamSummary>,
    /// A lead asked the reader; the reader answers.
    pub asked: Vec<TeamSummary>,
    /// The reader offered; the team's lead answers.
    pub offered: Vec<TeamSummary>,
    /// Declined or ended.
    pub earlier: Vec<TeamSummary>,
}

impl MyTeams {
    /// In no team and linked to none.
    pub fn is_empty(&self) -> bool {
        self.member_of.is_empty()
            && self.supporting.is_empty()
            && self.asked.is_empty()
            && self.offered.is_empty()
            && self.earlier.is_empty()
    }
}

/// A request's answer as a form posts it: `accept` or `decline`.
pub fn accepts(answer: &str) -> Result<bool, crate::error::AppError> {
    match answer {
        "accept" => Ok(true),
        "decline" => Ok(false),
        _ => Err(crate::error::AppError::NotFound),
    }
}

/// Where a request between a team and a person stands: a mentor or partner asked to
/// support a team or offering to (`team_supporter`), or a request to join
/// (`join_request`). Stored as the strings the variants name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum RequestStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "requested"))]
    Requested,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "accepted"))]
    Accepted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "declined"))]
    Declined,
    /// A supporter's role in the competition was revoked: the link stays on the record
    /// (judging reads it as a conflict) but gives no access.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ended"))]
    Ended,
    /// A request to join: the person joined another team before it was answered.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "closed"))]
    Closed,
}

impl RequestStatus {
    pub fn label(self) -> Key {
        match self {
            RequestStatus::Requested => Key::TeamsStatusRequested,
            RequestStatus::Accepted => Key::TeamsStatusAccepted,
            RequestStatus::Declined => Key::TeamsStatusDeclined,
            RequestStatus::Ended => Key::TeamsStatusEnded,
            RequestStatus::Closed => Key::FormingStatusClosed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_names_are_tidied_and_compared_in_any_case() {
        let name = TeamName::parse("  Tim   Layanan  Cepat ").unwrap();
        assert_eq!(name.as_str(), "Tim Layanan Cepat");
        assert_eq!(name.key(), "tim layanan cepat");
        assert_eq!(TeamName::parse(" "), Err(Key::TeamsErrorNameRequired));
        assert_eq!(TeamName::parse("AB"), Err(Key::TeamsErrorNameLength));
        assert_eq!(
            TeamName::parse(&"x".repeat(81)),
            Err(Key::TeamsErrorNameLength)
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn join_codes_ignore_case_spaces_and_hyphens() {
        let code = JoinCode::generate();
        assert_eq!(code.as_str().len(), CODE_LENGTH);
        let typed = code.as_str().to_lowercase();
        let typed = format!("{}-{}", &typed[..4], &typed[4..]);
        assert_eq!(JoinCode::parse(&typed), Some(code));
        assert_eq!(JoinCode::parse("ABCD-EFG"), None);
        assert_eq!(
            JoinCode::parse("ABCD-EFG0"),
            None,
            "0 is not in the alphabet"
        );
    }
}
