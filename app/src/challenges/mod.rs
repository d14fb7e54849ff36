//! Challenge statements: agencies and private-sector or university partners post a
//! problem on a competition, with the data or APIs they offer, a contact and a prize; a
//! team names the challenge it answers.
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

/// Words in the problem statement, at most.
pub const PROBLEM_WORDS: usize = 400;
/// Words describing the data or APIs offered, at most.
pub const DATA_WORDS: usize = 200;
/// Challenges one competition holds, at most.
pub const MAX_PER_COMPETITION: u64 = 50;

fn tidy(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A challenge's title: spaces tidied, 5 to 160 characters.
pub fn parse_title(input: &str) -> Result<String, Key> {
    let title = tidy(input);
    match title.chars().count() {
        0 => Err(Key::ChallengesErrorTitleRequired),
        1..=4 | 161.. => Err(Key::ChallengesErrorTitleLength),
        _ => Ok(title),
    }
}

/// The problem: required, at most [`PROBLEM_WORDS`] words; paragraphs kept.
pub fn parse_problem(input: &str) -> Result<String, Key> {
    let text = input.trim();
    if text.is_empty() {
        Err(Key::ChallengesErrorProblemRequired)
    } else if words(text) > PROBLEM_WORDS {
        Err(Key::ChallengesErrorProblemLength)
    } else {
        Ok(text.replace("\r\n", "\n"))
    }
}

/// The data or APIs offered: optional, at most [`DATA_WORDS`] words.
pub fn parse_data(input: &str) -> Result<String, Key> {
    let text = input.trim();
    if words(text) > DATA_WORDS {
        Err(Key::ChallengesErrorDataLength)
    } else {
        Ok(text.replace("\r\n", "\n"))
    }
}

/// Who to ask (a name with an address or number): required, 3 to 250 characters.
pub fn parse_contact(input: &str) -> Result<String, Key> {
    let contact = tidy(input);
    match contact.chars().count() {
        0 => Err(Key::ChallengesErrorContactRequired),
        1..=2 | 251.. => Err(Key::ChallengesErrorContactLength),
        _ => Ok(contact),
    }
}

/// The challenge's own prize: optional, at most 250 characters.
pub fn parse_prize(input: &str) -> Result<String, Key> {
    let prize = tidy(input);
    if prize.chars().count() > 250 {
        Err(Key::ChallengesErrorPrizeLength)
    } else {
        Ok(prize)
    }
}

/// One challenge as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeView {
    pub id: i32,
    pub title: String,
    pub organization: String,
    pub region: Option<String>,
    pub problem: String,
    pub data_offered: String,
    pub contact: String,
    pub prize: String,
    /// Teams that answer it.
    pub teams: usize,
    /// The reader may edit or remove it.
    pub can_edit: bool,
}

/// A challenge's fields as the form shows them (for editing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeDraft {
    pub id: Option<i32>,
    pub organization: String,
    pub title: String,
    pub problem: String,
    pub data_offered: String,
    pub contact: String,
    pub prize: String,
}

/// The challenges page of a competition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengesPage {
    pub slug: String,
    pub competition_title: String,
    /// Challenges may be posted and changed (until the submission deadline).
    pub open: bool,
    /// The reader may post challenges here.
    pub can_post: bool,
    /// The reader is an organizer: they post for any organization.
    pub organizer: bool,
    /// Organizations the reader belongs to (suggested for the organization field).
    pub own_organizations: Vec<String>,
    pub challenges: Vec<ChallengeView>,
    /// The challenge being edited (`?ubah=`), when the reader may edit it.
    pub editing: Option<ChallengeDraft>,
}

/// A challenge a team may choose, and the one it chose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamChallenge {
    /// (id, title — organization)
    pub choices: Vec<(i32, String)>,
    pub chosen: Option<i32>,
    /// The lead may change the choice now.
    pub can_choose: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_tidied_and_bounded() {
        assert_eq!(
            parse_title("  Antrean   puskesmas ").unwrap(),
            "Antrean puskesmas"
        );
        assert_eq!(parse_title(""), Err(Key::ChallengesErrorTitleRequired));
        assert_eq!(parse_title("abc"), Err(Key::ChallengesErrorTitleLength));
        assert_eq!(parse_problem(" "), Err(Key::ChallengesErrorProblemRequired));
        assert_eq!(
            parse_problem(&"kata ".repeat(PROBLEM_WORDS + 1)),
            Err(Key::ChallengesErrorProblemLength)
        );
        assert_eq!(parse_problem("a\r\nb").unwrap(), "a\nb");
        assert_eq!(parse_data("").unwrap(), "");
        assert_eq!(
            parse_data(&"x ".repeat(DATA_WORDS + 1)),
            Err(Key::ChallengesErrorDataLength)
        );
        assert_eq!(parse_contact(""), Err(Key::ChallengesErrorContactRequired));
        assert_eq!(parse_contact("ab"), Err(Key::ChallengesErrorContactLength));
        assert_eq!(
            parse_prize(&"x".repeat(251)),
            Err(Key::ChallengesErrorPrizeLength)
        );
        assert_eq!(parse_prize(" Rp 5 juta ").unwrap(), "Rp 5 juta");
    }
}
