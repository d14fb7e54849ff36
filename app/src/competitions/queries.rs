//! Reading a competition's shared rows, the one place every area (and both the public page
//! and the set-up) loads them: the competition by its slug, its categories and groups, its
//! rubric, prizes and partner organizations. Reads only; no permission checks.
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use super::setup::{Criterion, OptionName, PrizeLine};
use super::{CompetitionStatus, OptionKind, Stage};
use crate::entities::{
    competition, competition_option, competition_partner, organization, prize, rubric_criterion,
};
use crate::error::AppError;

/// The competition with this slug, in any state (organizers manage drafts too).
pub async fn by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<competition::Model, AppError> {
    competition::Entity::find()
        .filter(competition::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The published competition with this slug; a draft is not found.
pub async fn published(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<competition::Model, AppError> {
    competition::Entity::find()
        .filter(competition::Column::Slug.eq(slug))
        .filter(competition::Column::Status.eq(CompetitionStatus::Published))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A competition's categories (or groups), in the organizer's order.
pub async fn option_rows(
    db: &DatabaseConnection,
    competition_id: i32,
    kind: OptionKind,
) -> Result<Vec<competition_option::Model>, AppError> {
    Ok(competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(competition_id))
        .filter(competition_option::Column::Kind.eq(kind))
        .order_by_asc(competition_option::Column::Position)
        .all(db)
        .await?)
}

/// A competition's categories (or groups) in both languages, in the organizer's order.
pub async fn options(
    db: &DatabaseConnection,
    competition_id: i32,
    kind: OptionKind,
) -> Result<Vec<(i32, OptionName)>, AppError> {
    Ok(option_rows(db, competition_id, kind)
        .await?
        .into_iter()
        .map(|o| {
            (
                o.id,
                OptionName {
                    id: o.name_id,
                    en: o.name_en,
                },
            )
        })
        .collect())
}

/// Every category and group of a competition by id, named in `lang` (for lists that show
/// a team's choice).
pub async fn option_names(
    db: &impl ConnectionTrait,
    competition_id: i32,
    lang: crate::i18n::Lang,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    Ok(competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, lang.pick(&o.name_id, &o.name_en).to_string()))
        .collect())
}

/// A competition's rubric criteria (with their ids), stage by stage in the organizer's
/// order.
pub async fn rubric(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<Vec<(Stage, (i32, Criterion))>, AppError> {
    Ok(rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::CompetitionId.eq(competition_id))
        .order_by_asc(rubric_criterion::Column::Stage)
        .order_by_asc(rubric_criterion::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            (
                c.stage,
                (
                    c.id,
                    Criterion {
                        name_id: c.name_id,
                        name_en: c.name_en,
                        weight: c.weight,
                        scale_min: c.scale_min,
                        scale_max: c.scale_max,
                        description_id: c.description_id,
                        description_en: c.description_en,
                    },
                ),
            )
        })
        .collect())
}

/// A competition's prizes (with their ids) in the organizer's order.
pub async fn prizes(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<Vec<(i32, PrizeLine)>, AppError> {
    Ok(prize::Entity::find()
        .filter(prize::Column::CompetitionId.eq(competition_id))
        .order_by_asc(prize::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            (
                p.id,
                PrizeLine {
                    name_id: p.name_id,
                    name_en: p.name_en,
                    reward: p.reward,
                },
            )
        })
        .collect())
}

/// A competition's partner organizations in the organizer's order.
pub async fn partners(
    db: &DatabaseConnection,
    competition_id: i32,
) -> Result<Vec<organization::Model>, AppError> {
    Ok(competition_partner::Entity::find()
        .filter(competition_partner::Column::CompetitionId.eq(competition_id))
        .order_by_asc(competition_partner::Column::Position)
        .find_also_related(organization::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(_, o)| o)
        .collect())
}
