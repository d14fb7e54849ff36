//! The one way every area loads a competition by its slug.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::CompetitionStatus;
use crate::entities::competition;
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
