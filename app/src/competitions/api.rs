//! Server functions for competitions: thin wrappers over the service.
use leptos::prelude::*;

use super::{CompetitionCard, CompetitionDetail};
use crate::error::AppError;

#[server(endpoint = "list_competitions")]
pub async fn list_competitions() -> Result<Vec<CompetitionCard>, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    super::service::list_published(&ctx.db, ctx.lang).await
}

#[server(endpoint = "get_competition")]
pub async fn get_competition(slug: String) -> Result<CompetitionDetail, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    super::service::find_published(&ctx.db, &slug, ctx.lang).await
}
