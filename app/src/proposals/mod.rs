//! Proposals: the structured form of a competition's template (KIPP's aspects by
//! default), written by a team's members with a version per part so two members never
//! overwrite each other silently, every save kept in the history, attachments checked
//! by content, and submitted by the lead before the deadline.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

pub mod api;
#[cfg(feature = "ssr")]
pub mod attachments;
pub mod autosave;
#[cfg(feature = "ssr")]
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod editor;
#[cfg(feature = "ssr")]
pub mod history;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod submission;

/// KIPP's aspects: (Indonesian title, English title, word limit).
pub const DEFAULT_TEMPLATE: [(&str, &str, i32); 11] = [
    ("Latar belakang dan tujuan", "Background and goals", 500),
    (
        "Kesesuaian dengan kategori",
        "Fit with the chosen category",
        300,
    ),
    (
        "Kontribusi terhadap Tujuan Pembangunan Berkelanjutan (SDGs)",
        "Contribution to the Sustainable Development Goals",
        300,
    ),
    ("Deskripsi inovasi", "Description of the innovation", 800),
    ("Kebaruan", "What makes it new", 400),
    ("Replikasi", "Transferability and replicability", 400),
    ("Sumber daya yang digunakan", "Resources used", 300),
    ("Strategi keberlanjutan", "Sustainability strategy", 400),
    (
        "Evaluasi dan bukti dampak",
        "Evaluation and evidence of impact",
        600,
    ),
    (
        "Keterlibatan pemangku kepentingan",
        "Stakeholder involvement",
        400,
    ),
    ("Pembelajaran", "Lessons learned", 300),
];

pub const TITLE: &str = "title";
pub const SUMMARY: &str = "summary";
pub const LINKS: &str = "links";
/// The field the attachment form's errors are shown at.
pub const ATTACHMENT_FIELD: &str = "attachment";
pub const TITLE_MAX: usize = 200;
pub const SUMMARY_WORDS: usize = 150;
pub const MAX_LINKS: usize = 10;
/// No part of a draft may be longer than this (characters).
pub const PART_MAX: usize = 50_000;

/// Where a team's proposal stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum ProposalStatus {
    /// Being written; members may change it until the deadline.
    #[default]
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    /// Sent by the lead; locked.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    /// Taken back by the lead before judging; writable again until the deadline.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 3] = [
        ProposalStatus::Draft,
        ProposalStatus::Submitted,
        ProposalStatus::Withdrawn,
    ];

    /// The stored value, also used in the dashboard's filter links.
    pub fn code(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<ProposalStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> Key {
        match self {
            ProposalStatus::Draft => Key::ProposalsStatusDraft,
            ProposalStatus::Submitted => Key::ProposalsStatusSubmitted,
            ProposalStatus::Withdrawn => Key::ProposalsStatusWithdrawn,
        }
    }
}

/// The part name of a template section.
pub fn section_part(section_id: i32) -> String {
    format!("section-{section_id}")
}

/// Words as a reader counts them: runs of non-space characters.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The SDGs chosen, as stored: comma-separated numbers from 1 to 17.
pub fn parse_sdgs(stored: &str) -> Vec<u8> {
    let mut goals: Vec<u8> = stored
        .split(',')
        .filter_map(|s| s.trim().parse::<u8>().ok())
        .filter(|n| (1..=17).contains(n))
        .collect();
    goals.sort_unstable();
    goals.dedup();
    goals
}

pub fn format_sdgs(goals: &[u8]) -> String {
    goals
        .iter()
        .map(|g| g.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// A start date typed as `YYYY-MM-DD` (an `<input type="date">`), not in the future.
pub fn parse_started_on(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, Key> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let date =
        NaiveDate::parse_from_str(input, "%Y-%m-%d").map_err(|_| Key::ProposalsErrorDateInvalid)?;
    if date > today {
        return Err(Key::ProposalsErrorDateFuture);
    }
    Ok(Some(date))
}

/// Links, one per line: each an `http://` or `https://` address without spaces.
pub fn parse_links(input: &str) -> Result<Vec<String>, Key> {
    let links: Vec<String> = input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if links.len() > MAX_LINKS {
        return Err(Key::ProposalsErrorLinksTooMany);
    }
    for link in &links {
        let rest = link
            .strip_prefix("https://")
            .or_else(|| link.strip_prefix("http://"));
        match rest {
            Some(rest) if !rest.is_empty() && !rest.contains(char::is_whitespace) => {}
            _ => return Err(Key::ProposalsErrorLinkInvalid),
        }
    }
    Ok(links)
}

/// How a part is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartKind {
    /// One line (the title).
    Line,
    /// Paragraphs (summary and sections).
    Text,
    /// One address per line.
    Links,
}

/// One part of the proposal as the editor shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartView {
    pub part: String,
    pub label: String,
    pub kind: PartKind,
    pub word_limit: Option<i32>,
    pub body: String,
    /// The stored version the editor starts from (0: never saved).
    pub version: i32,
    pub words: usize,
}

/// An attachment as listed under the proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i32,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// Everything the proposal editor needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalEditor {
    pub team_id: i32,
    pub team_name: String,
    pub competition_slug: String,
    pub competition_title: String,
    pub status: ProposalStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    /// The submission deadline, when dated.
    pub deadline: Option<DateTime<Utc>>,
    /// The reader may change the texts now.
    pub editable: bool,
    pub is_lead: bool,
    /// The submission stage is running by the server clock.
    pub submission_open: bool,
    /// The lead may still withdraw (judging has not started).
    pub can_withdraw: bool,
    pub parts: Vec<PartView>,
    pub sdgs: Vec<u8>,
    pub started_on: String,
    pub meta_version: i32,
    pub attachments: Vec<AttachmentView>,
    /// The reader is in the team (lead or member).
    pub is_member: bool,
    /// Mentoring threads on the parts, oldest first.
    pub comments: Vec<crate::mentoring::CommentView>,
    /// The reader may comment (members, and the team's accepted mentors and partners).
    pub can_comment: bool,
    /// The organizer's standing eligibility decision on the submitted proposal.
    pub decision: Option<Decision>,
}

/// An organizer's eligibility decision on a submitted proposal (administrative
/// selection; the dashboard records it, the editor shows it to the team).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub eligible: bool,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

impl Decision {
    pub fn label(&self) -> Key {
        if self.eligible {
            Key::DashboardDecisionEligible
        } else {
            Key::DashboardDecisionIneligible
        }
    }
}

/// One saved revision of a part, for the history page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionView {
    pub id: i32,
    pub version: i32,
    pub saved_at: DateTime<Utc>,
    pub saved_by: Option<String>,
    pub body: String,
    pub words: usize,
}

/// The history of one part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartHistory {
    pub team_id: i32,
    pub team_name: String,
    pub part: String,
    pub label: String,
    pub current_version: i32,
    pub editable: bool,
    /// Newest first.
    pub revisions: Vec<RevisionView>,
}

/// What an autosave answers: the part's new version and its word count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: i32,
    pub words: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_non_space() {
        assert_eq!(word_count("  Layanan   adminduk\nsekali klik. "), 4);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn sdgs_are_numbers_one_to_seventeen() {
        assert_eq!(parse_sdgs("3, 16,3,0,18,x"), vec![3, 16]);
        assert_eq!(format_sdgs(&[3, 16]), "3,16");
    }

    #[test]
    fn start_dates_are_days_not_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(parse_started_on("", today), Ok(None));
        assert_eq!(
            parse_started_on("2024-01-15", today),
            Ok(NaiveDate::from_ymd_opt(2024, 1, 15))
        );
        assert_eq!(
            parse_started_on("2027-01-01", today),
            Err(Key::ProposalsErrorDateFuture)
        );
        assert_eq!(
            parse_started_on("15/01/2024", today),
            Err(Key::ProposalsErrorDateInvalid)
        );
    }

    #[test]
    fn links_are_web_addresses() {
        assert_eq!(
            parse_links("https://youtu.be/abc\n\nhttp://salatiga.go.id/inovasi").unwrap(),
            vec!["https://youtu.be/abc", "http://salatiga.go.id/inovasi"]
        );
        assert_eq!(
            parse_links("javascript:alert(1)"),
            Err(Key::ProposalsErrorLinkInvalid)
        );
        assert_eq!(parse_links("https://"), Err(Key::ProposalsErrorLinkInvalid));
    }
}
