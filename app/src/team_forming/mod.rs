//! Team forming: people without a team list themselves as looking for one (skills,
//! agency, region), teams list the skills they still need, and either side asks to join;
//! the other accepts or declines. Accepting makes the person a member, under the same
//! rules as joining by code (registration open, size limit, one team per person). A
//! competition's mentors and partners find the teams here and offer their support.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::authz::Role;
use crate::i18n::Key;

pub mod api;
#[cfg(feature = "ssr")]
pub mod board;
#[cfg(feature = "ssr")]
pub mod listings;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod requests;
pub mod support_pages;
#[cfg(feature = "ssr")]
pub mod supporting;

pub use crate::teams::RequestStatus;

/// People or teams a list shows, at most; a search narrows it.
pub const LIST_LIMIT: usize = 100;

fn tidy(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Skills, as a person or team lists them: spaces tidied, 3 to 300 characters.
pub fn parse_skills(input: &str) -> Result<String, Key> {
    let skills = tidy(input);
    match skills.chars().count() {
        0 => Err(Key::FormingErrorSkillsRequired),
        1..=2 | 301.. => Err(Key::FormingErrorSkillsLength),
        _ => Ok(skills),
    }
}

/// A few words about oneself, or a message with a request: optional, at most 500
/// characters; line breaks kept.
pub fn parse_note(input: &str) -> Result<String, Key> {
    let note = input.trim().replace("\r\n", "\n");
    if note.chars().count() > 500 {
        Err(Key::FormingErrorNoteLength)
    } else {
        Ok(note)
    }
}

/// Whether `text` matches every word of a search, in any case.
pub fn matches(search: &str, text: &str) -> bool {
    let text = text.to_lowercase();
    search
        .split_whitespace()
        .all(|word| text.contains(&word.to_lowercase()))
}

/// A person looking for a team, as the list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeekerView {
    pub user_id: i32,
    pub name: String,
    pub agency: Option<String>,
    pub region: Option<String>,
    pub skills: String,
    pub about: String,
    /// The reader leads a team with room that has not asked this person yet.
    pub can_invite: bool,
}

/// A team looking for members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenTeamView {
    pub id: i32,
    pub name: String,
    pub agency: String,
    pub region: Option<String>,
    pub category: Option<String>,
    pub members: usize,
    pub team_max: i32,
    pub wanted_skills: String,
    /// The reader, without a team, has not asked this team yet.
    pub can_ask: bool,
}

/// A team as a mentor or partner of the competition sees it on the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportableTeam {
    pub id: i32,
    pub name: String,
    pub agency: String,
    pub region: Option<String>,
    pub category: Option<String>,
    pub members: usize,
    /// The request or offer already linking the reader and the team, and whether the
    /// reader offered it; none means the reader may offer.
    pub link: Option<(RequestStatus, bool)>,
}

/// A request to join, as either side sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i32,
    pub team_id: i32,
    pub team_name: String,
    pub person_name: String,
    /// The team asked the person (else the person asked the team).
    pub from_team: bool,
    pub message: String,
    pub status: RequestStatus,
    pub created_at: DateTime<Utc>,
}

/// The reader's own listing as a person looking for a team.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnListing {
    pub listed: bool,
    pub skills: String,
    pub about: String,
    pub agency: String,
    pub region: String,
}

/// The team the reader leads, as the forming page needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnTeam {
    pub id: i32,
    pub name: String,
    pub is_lead: bool,
    pub has_room: bool,
    pub wanted_skills: Option<String>,
}

/// The looking-for-team page of a competition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormingPage {
    pub slug: String,
    pub competition_title: String,
    /// Registration is open by the server clock: listing, asking and accepting work.
    pub open: bool,
    pub search: String,
    /// The reader's team in this competition, if any.
    pub own_team: Option<OwnTeam>,
    /// The reader's listing (for a reader without a team).
    pub own_listing: OwnListing,
    pub people: Vec<SeekerView>,
    pub teams: Vec<OpenTeamView>,
    /// Lists were cut at [`LIST_LIMIT`].
    pub more: bool,
    /// Requests the reader can answer.
    pub incoming: Vec<RequestView>,
    /// Requests the reader (or their team) made.
    pub outgoing: Vec<RequestView>,
    pub regions: Vec<String>,
    /// The role the reader holds in the competition, which keeps them out of its teams
    /// (they neither list themselves nor ask to join).
    pub outside_as: Option<Role>,
    /// The role in which the reader supports teams (mentor, partner), if any.
    pub supports_as: Option<Role>,
    /// For a mentor or partner: the teams, to offer support to.
    pub supportable: Vec<SupportableTeam>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_and_notes_are_bounded() {
        assert_eq!(
            parse_skills("  Rust,   desain UI ").unwrap(),
            "Rust, desain UI"
        );
        assert_eq!(parse_skills(""), Err(Key::FormingErrorSkillsRequired));
        assert_eq!(parse_skills("ab"), Err(Key::FormingErrorSkillsLength));
        assert_eq!(
            parse_skills(&"x".repeat(301)),
            Err(Key::FormingErrorSkillsLength)
        );
        assert_eq!(parse_note("").unwrap(), "");
        assert_eq!(parse_note("a\r\nb").unwrap(), "a\nb");
        assert_eq!(
            parse_note(&"x".repeat(501)),
            Err(Key::FormingErrorNoteLength)
        );
    }

    #[test]
    fn a_search_needs_every_word_in_any_case() {
        assert!(matches("", "anything"));
        assert!(matches("rust DATA", "Data analyst, Rust"));
        assert!(!matches("rust go", "Rust only"));
    }
}
