//! Setting up a competition (organizers; admins create them): descriptions and rules in
//! both languages, kind, team size limits, categories and groups, the timeline of dated
//! stages, and publishing once it is complete.
//!
//! This file holds the types the set-up pages and server functions share. The forms' rules
//! are in `fields` (single fields, field names, dates) and `rows` (lists edited as rows:
//! categories, groups, rubrics, prizes, the proposal template);
//! the server-only writers each have a file named for the form they save.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{CompetitionKind, CompetitionStatus, Stage, StageAction, StagePhase};
use crate::organizations::OrganizationKind;

pub mod api;
#[cfg(feature = "ssr")]
pub mod details;
#[cfg(feature = "ssr")]
pub mod eligibility;
pub mod fields;
#[cfg(feature = "ssr")]
pub mod manage;
#[cfg(feature = "ssr")]
pub mod options;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prizes;
#[cfg(feature = "ssr")]
pub mod publish;
#[cfg(feature = "ssr")]
pub mod read;
#[cfg(feature = "ssr")]
pub mod record;
pub mod row_fields;
pub mod rows;
#[cfg(feature = "ssr")]
pub mod rubric;
#[cfg(feature = "ssr")]
pub mod template;
#[cfg(feature = "ssr")]
pub mod timeline;

/// How the forms write a date; the black-box tests write theirs with it from here.
pub use fields::format_local;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedCompetition {
    pub slug: String,
    pub title: String,
    pub kind: CompetitionKind,
    pub status: CompetitionStatus,
}

/// The organizer's overview: their competitions, and whether they may create one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageOverview {
    pub competitions: Vec<ManagedCompetition>,
    pub can_create: bool,
}

/// One stage's dates as the form shows them (`YYYY-MM-DDTHH:MM` in WIB, or empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDates {
    pub stage: Stage,
    pub starts: String,
    pub ends: String,
    /// The competition's kind needs this stage dated before publishing.
    pub required: bool,
    /// Where it stands by the server clock, once dated.
    pub phase: Option<StagePhase>,
}

/// An explicit stage change, as the set-up page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub stage: Stage,
    pub action: StageAction,
    pub planned_at: DateTime<Utc>,
    pub at: DateTime<Utc>,
    pub by: Option<String>,
}

/// Everything the setup page edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetitionSetup {
    pub slug: String,
    pub status: CompetitionStatus,
    pub kind: CompetitionKind,
    pub title_id: String,
    pub title_en: String,
    pub summary_id: String,
    pub summary_en: String,
    pub description_id: String,
    pub description_en: String,
    pub rules_id: String,
    pub rules_en: String,
    pub team_min: i32,
    pub team_max: i32,
    /// (stored id, names), in the organizer's order; the form shows them as rows.
    pub categories: Vec<(i32, OptionName)>,
    pub groups: Vec<(i32, OptionName)>,
    pub stages: Vec<StageDates>,
    /// Explicit stage changes, newest first.
    pub changes: Vec<StageChange>,
    pub eligibility: Eligibility,
    /// Each judged stage's rubric: (stored id, criterion) in order.
    pub rubric: Vec<(Stage, Vec<(i32, Criterion)>)>,
    /// (stored id, prize) in order.
    pub prizes: Vec<(i32, PrizeLine)>,
    /// One partner organization's exact name per line.
    pub partners: String,
    /// The proposal template: (stored section id, section) in order.
    pub template: Vec<(i32, SectionLine)>,
}

/// Who may enter: kinds of agency, months the innovation has run, earlier wins allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub kinds: Vec<OrganizationKind>,
    pub min_months_running: i32,
    /// At most this many earlier wins on the platform; `None`: no limit.
    pub max_earlier_wins: Option<i32>,
}

impl Eligibility {
    /// The kinds stored as comma-separated codes.
    pub fn kinds_from_codes(codes: &str) -> Vec<OrganizationKind> {
        codes
            .split(',')
            .filter_map(|c| OrganizationKind::parse(c.trim()))
            .collect()
    }

    pub fn kinds_to_codes(kinds: &[OrganizationKind]) -> String {
        kinds.iter().map(|k| k.code()).collect::<Vec<_>>().join(",")
    }
}

/// A named option in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionName {
    pub id: String,
    pub en: String,
}

/// One rubric criterion: its names, weight, scale and descriptions in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub name_id: String,
    pub name_en: String,
    /// Percent of the stage's score; a stage's weights add up to 100.
    pub weight: i32,
    pub scale_min: i32,
    pub scale_max: i32,
    pub description_id: String,
    pub description_en: String,
}

/// A prize: its names and what it gives ("Rp 50.000.000").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrizeLine {
    pub name_id: String,
    pub name_en: String,
    pub reward: String,
}

/// A proposal template's section: its title in both languages and its word limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionLine {
    pub title_id: String,
    pub title_en: String,
    pub word_limit: i32,
}

#[cfg(test)]
mod tests {
    use super::fields::parse_count;
    use super::*;
    use crate::i18n::Key;

    #[test]
    fn eligible_kinds_round_trip_through_their_codes() {
        let kinds = Eligibility::kinds_from_codes("regency, agency_unit,club");
        assert_eq!(
            kinds,
            vec![OrganizationKind::Regency, OrganizationKind::AgencyUnit]
        );
        assert_eq!(Eligibility::kinds_to_codes(&kinds), "regency,agency_unit");
        assert_eq!(
            parse_count(" 12 ", 0..=120, Key::SetupErrorMonths),
            Ok(Some(12))
        );
        assert_eq!(parse_count("", 0..=120, Key::SetupErrorMonths), Ok(None));
        assert_eq!(
            parse_count("-1", 0..=120, Key::SetupErrorMonths),
            Err(Key::SetupErrorMonths)
        );
        assert_eq!(
            parse_count("dua", 0..=120, Key::SetupErrorMonths),
            Err(Key::SetupErrorMonths)
        );
    }
}
