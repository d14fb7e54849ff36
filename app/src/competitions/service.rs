//! Reading published competitions. Server-only.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::queries::{self, options};
use super::setup::OptionName;
use super::OptionKind;
use super::{
    CompetitionCard, CompetitionDetail, CompetitionStatus, PublicCriterion, Stage, StagePhase,
    TeamListing,
};
use crate::entities::{competition, competition_stage, organization, regency, team};
use crate::error::AppError;
use crate::i18n::Lang;

fn card(model: competition::Model, lang: Lang, team_count: u64) -> CompetitionCard {
    let (title, summary) = match lang {
        Lang::Id => (model.title_id, model.summary_id),
        Lang::En => (model.title_en, model.summary_en),
    };
    CompetitionCard {
        slug: model.slug,
        kind: model.kind,
        title,
        summary,
        registration_closes_at: model.registration_closes_at,
        team_count,
    }
}

#[derive(FromQueryResult)]
struct TeamCount {
    competition_id: i32,
    teams: i64,
}

/// Every published competition: those still open to registration first, closing soonest
/// first; then the closed ones, the most recently closed first (last year's finished
/// edition comes after this year's).
#[tracing::instrument(skip(db))]
pub async fn list_published(
    db: &DatabaseConnection,
    lang: Lang,
) -> Result<Vec<CompetitionCard>, AppError> {
    let mut competitions = competition::Entity::find()
        .filter(competition::Column::Status.eq(CompetitionStatus::Published))
        .order_by_asc(competition::Column::RegistrationClosesAt)
        .order_by_asc(competition::Column::Id)
        .all(db)
        .await?;
    let now = chrono::Utc::now();
    let (open, mut closed): (Vec<_>, Vec<_>) = competitions
        .drain(..)
        .partition(|c| c.registration_closes_at > now);
    closed.reverse();
    competitions = open.into_iter().chain(closed).collect();
    let counts: HashMap<i32, i64> = team::Entity::find()
        .select_only()
        .column(team::Column::CompetitionId)
        .column_as(team::Column::Id.count(), "teams")
        .group_by(team::Column::CompetitionId)
        .into_model::<TeamCount>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.competition_id, c.teams))
        .collect();
    Ok(competitions
        .into_iter()
        .map(|c| {
            let count = counts.get(&c.id).copied().unwrap_or(0) as u64;
            card(c, lang, count)
        })
        .collect())
}

/// One published competition with its registered teams; drafts are not found.
#[tracing::instrument(skip(db))]
pub async fn find_published(
    db: &DatabaseConnection,
    slug: &str,
    lang: Lang,
) -> Result<CompetitionDetail, AppError> {
    let competition = queries::published(db, slug).await?;
    let rows = team::Entity::find()
        .filter(team::Column::CompetitionId.eq(competition.id))
        .order_by_asc(team::Column::Name)
        .find_also_related(organization::Entity)
        .all(db)
        .await?;
    let regency_codes: Vec<String> = rows
        .iter()
        .filter_map(|(team, org)| {
            team.regency_code
                .clone()
                .or_else(|| org.as_ref()?.regency_code.clone())
        })
        .collect();
    let regencies: HashMap<String, String> = regency::Entity::find()
        .filter(regency::Column::Code.is_in(regency_codes))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let teams: Vec<TeamListing> = rows
        .into_iter()
        .map(|(team, org)| TeamListing {
            name: team.name,
            agency: org.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
            region: team
                .regency_code
                .clone()
                .or_else(|| org.and_then(|o| o.regency_code))
                .and_then(|code| regencies.get(&code).cloned()),
        })
        .collect();
    let count = teams.len() as u64;
    let names = |options: Vec<(i32, OptionName)>| -> Vec<String> {
        options
            .into_iter()
            .map(|(_, o)| match lang {
                Lang::Id => o.id,
                Lang::En => o.en,
            })
            .collect()
    };
    let categories = names(options(db, competition.id, OptionKind::Category).await?);
    let groups = names(options(db, competition.id, OptionKind::Group).await?);
    let now = chrono::Utc::now();
    let mut timeline: Vec<_> = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            let phase = StagePhase::at(s.starts_at, s.ends_at, now);
            (s.stage, s.starts_at, s.ends_at, phase)
        })
        .collect();
    timeline.sort_by_key(|(stage, ..)| *stage);
    let (description, rules) = match lang {
        Lang::Id => (
            competition.description_id.clone(),
            competition.rules_id.clone(),
        ),
        Lang::En => (
            competition.description_en.clone(),
            competition.rules_en.clone(),
        ),
    };
    let eligibility = super::setup::Eligibility {
        kinds: super::setup::Eligibility::kinds_from_codes(&competition.eligible_kinds),
        min_months_running: competition.min_months_running,
        max_earlier_wins: competition.max_earlier_wins,
    };
    let criteria = queries::rubric(db, competition.id).await?;
    let rubric = Stage::JUDGED
        .into_iter()
        .map(|stage| {
            let list: Vec<PublicCriterion> = criteria
                .iter()
                .filter(|(s, _)| *s == stage)
                .map(|(_, (_, c))| PublicCriterion {
                    name: lang.pick(&c.name_id, &c.name_en).to_string(),
                    description: lang.pick(&c.description_id, &c.description_en).to_string(),
                    weight: c.weight,
                    scale_min: c.scale_min,
                    scale_max: c.scale_max,
                })
                .collect();
            (stage, list)
        })
        .filter(|(_, list)| !list.is_empty())
        .collect();
    let prizes = queries::prizes(db, competition.id)
        .await?
        .into_iter()
        .map(|(_, p)| (lang.pick(&p.name_id, &p.name_en).to_string(), p.reward))
        .collect();
    let partners = queries::partners(db, competition.id)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect();
    Ok(CompetitionDetail {
        rubric,
        prizes,
        partners,
        eligibility,
        categories,
        groups,
        timeline,
        description,
        rules,
        team_min: competition.team_min,
        team_max: competition.team_max,
        card: card(competition, lang, count),
        teams,
        manage_roles: false,
        outside_as: None,
    })
}

/// The id and title of a competition in any state (organizers manage drafts too).
pub async fn find_by_slug(
    db: &DatabaseConnection,
    slug: &str,
    lang: Lang,
) -> Result<(i32, String), AppError> {
    let competition = queries::by_slug(db, slug).await?;
    let title = match lang {
        Lang::Id => competition.title_id,
        Lang::En => competition.title_en,
    };
    Ok((competition.id, title))
}
