//! Judging: who goes on from administrative selection, conflicts of interest, who judges
//! what, and the chained record of every judging decision. Pages for organizers under
//! `/kelola/{slug}/penilaian` and `/kelola/{slug}/konflik`, for jurors under `/penilaian`.
//!
//! The stored states live here, the pages' DTOs in `views`. Server-only: the pure rules
//! (`rules`: conflicts; `assign`: the planner; `ranking`: totals, normalisation, ties) and
//! the services: `queries` (the reads), `selection` (closing administrative selection),
//! `conflicts` (people's decisions), `assignments` (runs and changes by hand), `juror` (a
//! juror's own desk), `settings` (a stage's), `scoring` (score sheets), `standings` (the
//! organizer's ranking), `audit` (the hash chain).
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod rules;
pub mod score_pages;
pub mod views;

pub use result_views::*;
#[cfg(feature = "ssr")]
pub use rules::{computed_reasons, standing, JurorFacts, Place, TeamFacts};
pub use views::*;

#[cfg(feature = "ssr")]
pub mod assign;
#[cfg(feature = "ssr")]
pub mod assignments;
#[cfg(feature = "ssr")]
pub mod audit;
pub mod charts;
#[cfg(feature = "ssr")]
pub mod conflicts;
#[cfg(feature = "ssr")]
pub mod coverage;
#[cfg(feature = "ssr")]
pub mod exports;
pub mod final_pages;
#[cfg(feature = "ssr")]
pub mod final_rank;
#[cfg(feature = "ssr")]
pub mod finals;
#[cfg(feature = "ssr")]
pub mod freeze;
#[cfg(feature = "ssr")]
pub mod juror;
#[cfg(feature = "ssr")]
pub mod publish;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod ranking;
#[cfg(feature = "ssr")]
pub mod record;
pub mod result_api;
pub mod result_pages;
#[cfg(feature = "ssr")]
pub mod result_reads;
pub mod result_views;
#[cfg(feature = "ssr")]
pub mod scoring;
#[cfg(feature = "ssr")]
pub mod selection;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod shortlist_plan;
#[cfg(feature = "ssr")]
pub mod shortlists;
#[cfg(feature = "ssr")]
pub mod slots;
#[cfg(feature = "ssr")]
pub mod standings;

/// How a proposal came into a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum EntrySource {
    /// It passed administrative selection.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "selection"))]
    Selection,
    /// The organizer put it on the shortlist.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "shortlist"))]
    Shortlist,
}

/// A conflict decision made by a person (computed conflicts are not stored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum ConflictKind {
    /// The juror said so.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "declared"))]
    Declared,
    /// An organizer added it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "added"))]
    Added,
    /// An organizer lifted every conflict of the pair.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "lifted"))]
    Lifted,
}

impl ConflictKind {
    pub fn code(self) -> &'static str {
        match self {
            ConflictKind::Declared => "declared",
            ConflictKind::Added => "added",
            ConflictKind::Lifted => "lifted",
        }
    }

    pub fn label(self) -> Key {
        match self {
            ConflictKind::Declared => Key::JudgingConflictDeclared,
            ConflictKind::Added => Key::JudgingConflictAdded,
            ConflictKind::Lifted => Key::JudgingConflictLifted,
        }
    }
}

/// How an assignment was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum AssignmentSource {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "auto"))]
    Auto,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "manual"))]
    Manual,
}

impl AssignmentSource {
    pub fn label(self) -> Key {
        match self {
            AssignmentSource::Auto => Key::JudgingSourceAuto,
            AssignmentSource::Manual => Key::JudgingSourceManual,
        }
    }
}

/// A score sheet's state: a draft the juror keeps saving, or submitted (locked).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum SheetState {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
}

/// When a juror sees the other jurors' scores for the same proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum PeerVisibility {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "never"))]
    Never,
    /// Once the juror has submitted their own.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "after_own"))]
    AfterOwn,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "always"))]
    Always,
}

impl PeerVisibility {
    pub const ALL: [PeerVisibility; 3] = [
        PeerVisibility::Never,
        PeerVisibility::AfterOwn,
        PeerVisibility::Always,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PeerVisibility::Never => "never",
            PeerVisibility::AfterOwn => "after_own",
            PeerVisibility::Always => "always",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }

    pub fn label(self) -> Key {
        match self {
            PeerVisibility::Never => Key::JudgingPeersNever,
            PeerVisibility::AfterOwn => Key::JudgingPeersAfterOwn,
            PeerVisibility::Always => Key::JudgingPeersAlways,
        }
    }
}

/// What a stage's ranking is ordered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum RankBy {
    /// The mean of the jurors' weighted totals.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "raw"))]
    Raw,
    /// The mean of per-juror z-scores, brought back to points.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "normalised"))]
    Normalised,
}

impl RankBy {
    pub fn code(self) -> &'static str {
        match self {
            RankBy::Raw => "raw",
            RankBy::Normalised => "normalised",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [RankBy::Raw, RankBy::Normalised]
            .into_iter()
            .find(|v| v.code() == code)
    }

    pub fn label(self) -> Key {
        match self {
            RankBy::Raw => Key::JudgingRankRaw,
            RankBy::Normalised => Key::JudgingRankNormalised,
        }
    }
}

/// Why a juror may not judge a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ConflictReason {
    /// The juror belongs to the team's agency.
    SameAgency,
    /// The juror's government and the team's agency are in the same regency or city.
    SameRegency,
    /// Same province, where either is a provincial government.
    SameProvince,
    /// The juror's university or company is that of the team's mentor or partner.
    SupporterOrganization,
    /// The juror mentors or partners (or did) the team.
    SupportedTeam,
    Declared,
    Added,
}

impl ConflictReason {
    pub const ALL: [ConflictReason; 7] = [
        ConflictReason::SameAgency,
        ConflictReason::SameRegency,
        ConflictReason::SameProvince,
        ConflictReason::SupporterOrganization,
        ConflictReason::SupportedTeam,
        ConflictReason::Declared,
        ConflictReason::Added,
    ];

    /// The code kept on the record.
    pub fn code(self) -> &'static str {
        match self {
            ConflictReason::SameAgency => "same_agency",
            ConflictReason::SameRegency => "same_regency",
            ConflictReason::SameProvince => "same_province",
            ConflictReason::SupporterOrganization => "supporter_organization",
            ConflictReason::SupportedTeam => "supported_team",
            ConflictReason::Declared => "declared",
            ConflictReason::Added => "added",
        }
    }

    /// Reasons from their comma-separated codes (unknown codes are skipped).
    pub fn parse_list(codes: &str) -> Vec<ConflictReason> {
        codes
            .split(',')
            .filter_map(|c| Self::ALL.into_iter().find(|r| r.code() == c.trim()))
            .collect()
    }

    /// Reasons as comma-separated codes.
    pub fn list(reasons: &[ConflictReason]) -> String {
        reasons
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn label(self) -> Key {
        match self {
            ConflictReason::SameAgency => Key::JudgingReasonSameAgency,
            ConflictReason::SameRegency => Key::JudgingReasonSameRegency,
            ConflictReason::SameProvince => Key::JudgingReasonSameProvince,
            ConflictReason::SupporterOrganization => Key::JudgingReasonSupporterOrganization,
            ConflictReason::SupportedTeam => Key::JudgingReasonSupportedTeam,
            ConflictReason::Declared => Key::JudgingReasonDeclared,
            ConflictReason::Added => Key::JudgingReasonAdded,
        }
    }
}

/// A team's placing in published results (`award.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum AwardKind {
    /// First place.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "winner"))]
    Winner,
    /// Second and third place (and further, as the organizer sets).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "runner_up"))]
    RunnerUp,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "honourable_mention"))]
    HonourableMention,
    /// Every other finalist.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "finalist"))]
    Finalist,
}

impl AwardKind {
    pub fn code(self) -> &'static str {
        match self {
            AwardKind::Winner => "winner",
            AwardKind::RunnerUp => "runner_up",
            AwardKind::HonourableMention => "honourable_mention",
            AwardKind::Finalist => "finalist",
        }
    }

    /// The placing as announced: "Juara 1", "Juara 2", "Harapan 1", "Finalis".
    pub fn title(self, lang: crate::i18n::Lang, place: Option<i32>) -> String {
        let place = place.map(|p| p.to_string()).unwrap_or_default();
        match self {
            AwardKind::Winner | AwardKind::RunnerUp => {
                lang.format(Key::ResultsPlaceWinner, &[("place", &place)])
            }
            AwardKind::HonourableMention => {
                lang.format(Key::ResultsPlaceHonourable, &[("place", &place)])
            }
            AwardKind::Finalist => lang.text(Key::ResultsPlaceFinalist).to_string(),
        }
    }
}
