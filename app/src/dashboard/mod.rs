//! The organizer's view of a competition's participants: counts by proposal status, by
//! category and by region; the list of teams and proposals with filters; eligibility
//! flags worked out from the competition's rules; a CSV export of the same list.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

pub use crate::proposals::{Decision, ProposalStatus};

/// Why a proposal may not meet the competition's entry rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flag {
    /// The team's agency is of a kind the competition does not admit.
    AgencyKind,
    /// The innovation has run for fewer months than required (or no start date).
    MonthsRunning,
    /// The team's agency has won more often on the platform than the rules allow.
    EarlierWins,
}

impl Flag {
    pub fn label(self) -> Key {
        match self {
            Flag::AgencyKind => Key::DashboardFlagAgencyKind,
            Flag::MonthsRunning => Key::DashboardFlagMonths,
            Flag::EarlierWins => Key::DashboardFlagEarlierWins,
        }
    }
}

/// Teams by where their proposal stands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub teams: usize,
    pub drafts: usize,
    pub submitted: usize,
    pub withdrawn: usize,
}

impl Counts {
    pub fn add(&mut self, state: ProposalStatus) {
        self.teams += 1;
        match state {
            ProposalStatus::Draft => self.drafts += 1,
            ProposalStatus::Submitted => self.submitted += 1,
            ProposalStatus::Withdrawn => self.withdrawn += 1,
        }
    }
}

/// One team in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRow {
    pub id: i32,
    pub name: String,
    pub agency: String,
    pub region: String,
    pub province: String,
    pub category: String,
    pub group: String,
    pub members: usize,
    pub state: ProposalStatus,
    pub title: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub flags: Vec<Flag>,
    /// The title of the challenge the team answers; empty when none.
    pub challenge: String,
    /// The organizer's standing eligibility decision, if one was made.
    pub decision: Option<Decision>,
}

/// The eligibility page of one team: what the rules say about it, and the decisions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityView {
    pub slug: String,
    pub competition_title: String,
    pub row: TeamRow,
    /// Facts behind the flags, each a sentence in the reader's language.
    pub facts: Vec<String>,
    /// Every decision, newest first.
    pub history: Vec<Decision>,
}

/// The filters, as chosen (empty: all).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    pub state: String,
    pub category: String,
    pub province: String,
    pub search: String,
    /// `1`: only flagged proposals.
    pub flagged: String,
}

/// Everything the dashboard shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub slug: String,
    pub title: String,
    pub totals: Counts,
    pub by_category: Vec<(String, Counts)>,
    pub by_province: Vec<(String, Counts)>,
    pub categories: Vec<String>,
    pub provinces: Vec<String>,
    pub filters: Filters,
    /// The teams the filters let through.
    pub rows: Vec<TeamRow>,
}

/// Months from `start` to `end`, counting whole months.
pub fn months_between(start: chrono::NaiveDate, end: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
    if end.day() < start.day() {
        months -= 1;
    }
    months
}

/// What separates a CSV's columns. A spreadsheet set to Indonesian (or most of Europe)
/// writes decimals with a comma and expects `;` between columns; English ones expect `,`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Separator {
    #[default]
    Comma,
    Semicolon,
}

impl Separator {
    /// The `pemisah` query value (`titik-koma` for `;`; anything else is `,`).
    pub fn parse(value: &str) -> Separator {
        if value == "titik-koma" {
            Separator::Semicolon
        } else {
            Separator::Comma
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Separator::Comma => ",",
            Separator::Semicolon => ";",
        }
    }
}

/// A CSV field: quoted when it holds either separator, a quote or a line break; a leading `=`,
/// `+`, `-`, `@`, tab or carriage return is prefixed with `'` so spreadsheets do not run
/// it as a formula (OWASP's list: a tab or CR before `=` still starts one).
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn months_count_whole_months() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(months_between(d(2024, 1, 15), d(2025, 1, 15)), 12);
        assert_eq!(months_between(d(2024, 1, 15), d(2025, 1, 14)), 11);
        assert_eq!(months_between(d(2024, 1, 31), d(2024, 2, 29)), 0);
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("Tim A"), "Tim A");
        assert_eq!(csv_field("Kota, Provinsi"), "\"Kota, Provinsi\"");
        assert_eq!(csv_field("Tim A; Tim B"), "\"Tim A; Tim B\"");
        assert_eq!(csv_field("Tim \"Cepat\""), "\"Tim \"\"Cepat\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("\t=1+1"), "'\t=1+1");
        assert_eq!(csv_field("\r=1+1"), "\"'\r=1+1\"");
    }
}
