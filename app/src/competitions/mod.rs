//! Competitions: the public list and page of each published competition.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

pub mod api;
pub mod countdown;
#[cfg(feature = "ssr")]
pub mod notices;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;
pub mod setup;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum CompetitionKind {
    /// A public-service innovation competition (KIPP style), judged in stages.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "innovation"))]
    Innovation,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "hackathon"))]
    Hackathon,
}

impl CompetitionKind {
    pub const ALL: [CompetitionKind; 2] = [CompetitionKind::Innovation, CompetitionKind::Hackathon];

    pub fn code(self) -> &'static str {
        match self {
            CompetitionKind::Innovation => "innovation",
            CompetitionKind::Hackathon => "hackathon",
        }
    }

    pub fn parse(code: &str) -> Option<CompetitionKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The stages a competition of this kind must date before it is published.
    pub fn required_stages(self) -> &'static [Stage] {
        match self {
            CompetitionKind::Innovation => &[
                Stage::Registration,
                Stage::Submission,
                Stage::AdministrativeSelection,
                Stage::DeskEvaluation,
                Stage::Results,
            ],
            CompetitionKind::Hackathon => &[Stage::Registration, Stage::Submission, Stage::Results],
        }
    }

    pub fn label(self) -> Key {
        match self {
            CompetitionKind::Innovation => Key::CompetitionKindInnovation,
            CompetitionKind::Hackathon => Key::CompetitionKindHackathon,
        }
    }
}

/// What a competition's named option is: a category (the innovation's field) or a group
/// (who may enter, e.g. ministries or regional governments).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum OptionKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "category"))]
    Category,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "group"))]
    Group,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum CompetitionStatus {
    /// Being set up; visible to its organizers only.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "published"))]
    Published,
}

impl CompetitionStatus {
    pub fn label(self) -> Key {
        match self {
            CompetitionStatus::Draft => Key::SetupStatusDraft,
            CompetitionStatus::Published => Key::SetupStatusPublished,
        }
    }
}

/// A published competition as the public sees it, in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetitionCard {
    pub slug: String,
    pub kind: CompetitionKind,
    pub title: String,
    pub summary: String,
    pub registration_closes_at: DateTime<Utc>,
    pub team_count: u64,
}

/// A registered team as listed on a competition's public page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamListing {
    pub name: String,
    pub agency: String,
    pub region: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetitionDetail {
    pub card: CompetitionCard,
    pub teams: Vec<TeamListing>,
    pub description: String,
    pub rules: String,
    pub team_min: i32,
    pub team_max: i32,
    /// Category and group names in the reader's language, in the organizer's order.
    pub categories: Vec<String>,
    pub groups: Vec<String>,
    /// Who may enter.
    pub eligibility: setup::Eligibility,
    /// The dated stages, in order, with where each stands by the server clock.
    pub timeline: Vec<(Stage, DateTime<Utc>, DateTime<Utc>, StagePhase)>,
    /// The reader may manage the competition's roles and invitations (link shown).
    pub manage_roles: bool,
    /// The role the reader holds in the competition, which keeps them out of its teams:
    /// the page offers no registering or joining, and a mentor or partner is shown where
    /// to find teams to support.
    pub outside_as: Option<crate::authz::Role>,
    /// Each judged stage's criteria, in the reader's language.
    pub rubric: Vec<(Stage, Vec<PublicCriterion>)>,
    /// (prize, reward), in order.
    pub prizes: Vec<(String, String)>,
    /// Partner organizations' names.
    pub partners: Vec<String>,
}

/// A rubric criterion as the public page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCriterion {
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub scale_min: i32,
    pub scale_max: i32,
}

/// The stages of a competition's timeline, in order. A hackathon dates a subset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Stage {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "registration"))]
    Registration,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submission"))]
    Submission,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "administrative_selection"))]
    AdministrativeSelection,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "desk_evaluation"))]
    DeskEvaluation,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "shortlist"))]
    Shortlist,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "objection"))]
    Objection,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "presentation"))]
    Presentation,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "field_verification"))]
    FieldVerification,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "results"))]
    Results,
}

impl Stage {
    pub const ALL: [Stage; 9] = [
        Stage::Registration,
        Stage::Submission,
        Stage::AdministrativeSelection,
        Stage::DeskEvaluation,
        Stage::Shortlist,
        Stage::Objection,
        Stage::Presentation,
        Stage::FieldVerification,
        Stage::Results,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Registration => "registration",
            Stage::Submission => "submission",
            Stage::AdministrativeSelection => "administrative_selection",
            Stage::DeskEvaluation => "desk_evaluation",
            Stage::Shortlist => "shortlist",
            Stage::Objection => "objection",
            Stage::Presentation => "presentation",
            Stage::FieldVerification => "field_verification",
            Stage::Results => "results",
        }
    }

    /// The stages jurors score with a rubric.
    pub const JUDGED: [Stage; 3] = [
        Stage::DeskEvaluation,
        Stage::Presentation,
        Stage::FieldVerification,
    ];

    pub fn label(self) -> Key {
        match self {
            Stage::Registration => Key::StagesRegistration,
            Stage::Submission => Key::StagesSubmission,
            Stage::AdministrativeSelection => Key::StagesAdministrativeSelection,
            Stage::DeskEvaluation => Key::StagesDeskEvaluation,
            Stage::Shortlist => Key::StagesShortlist,
            Stage::Objection => Key::StagesObjection,
            Stage::Presentation => Key::StagesPresentation,
            Stage::FieldVerification => Key::StagesFieldVerification,
            Stage::Results => Key::StagesResults,
        }
    }
}

/// Where a dated stage stands by the server clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StagePhase {
    Upcoming,
    Running,
    Done,
}

impl StagePhase {
    /// A stage runs from its start (inclusive) to its end (exclusive).
    pub fn at(starts: DateTime<Utc>, ends: DateTime<Utc>, now: DateTime<Utc>) -> StagePhase {
        if now < starts {
            StagePhase::Upcoming
        } else if now < ends {
            StagePhase::Running
        } else {
            StagePhase::Done
        }
    }

    pub fn label(self) -> Key {
        match self {
            StagePhase::Upcoming => Key::StagesUpcoming,
            StagePhase::Running => Key::StagesRunning,
            StagePhase::Done => Key::StagesDone,
        }
    }
}

/// An organizer starting a stage now, or ending it now, instead of at its planned date
/// (`stage_event.action`, stored as `start` and `end`; the form posts the same codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum StageAction {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "start"))]
    Start,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "end"))]
    End,
}

impl StageAction {
    pub const ALL: [StageAction; 2] = [StageAction::Start, StageAction::End];

    pub fn code(self) -> &'static str {
        match self {
            StageAction::Start => "start",
            StageAction::End => "end",
        }
    }

    pub fn parse(code: &str) -> Option<StageAction> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// Compares with the stored code, so a row reads as it is stored (`action == "end"`).
impl PartialEq<&str> for StageAction {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_stage_runs_from_its_start_up_to_its_end() {
        let start = Utc::now();
        let end = start + Duration::days(1);
        assert_eq!(
            StagePhase::at(start, end, start - Duration::seconds(1)),
            StagePhase::Upcoming
        );
        assert_eq!(StagePhase::at(start, end, start), StagePhase::Running);
        assert_eq!(
            StagePhase::at(start, end, end - Duration::seconds(1)),
            StagePhase::Running
        );
        assert_eq!(StagePhase::at(start, end, end), StagePhase::Done);
    }

    #[test]
    fn stage_actions_keep_their_stored_codes() {
        for action in StageAction::ALL {
            assert_eq!(StageAction::parse(action.code()), Some(action));
            // What the set-up page's data carried when the action was a plain string.
            #[cfg(feature = "ssr")]
            assert_eq!(
                serde_json::to_value(action).unwrap(),
                serde_json::json!(action.code())
            );
        }
        assert_eq!(StageAction::End, "end");
        assert_eq!(StageAction::parse("restart"), None);
    }
}
