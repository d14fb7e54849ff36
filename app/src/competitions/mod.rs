//! Competitions: the public list and page of each published competition.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

pub mod api;
pub mod countdown;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

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
    pub fn label(self) -> Key {
        match self {
            CompetitionKind::Innovation => Key::CompetitionKindInnovation,
            CompetitionKind::Hackathon => Key::CompetitionKindHackathon,
        }
    }
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
    /// The reader may manage the competition's roles and invitations (link shown).
    pub manage_roles: bool,
}
