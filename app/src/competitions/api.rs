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
    use crate::authz::service::{can, outside_teams};
    use crate::authz::Action;
    let ctx = crate::context::RequestContext::get()?;
    let mut detail = super::service::find_published(&ctx.db, &slug, ctx.lang).await?;
    if let Some(user) = ctx.current_user().await? {
        let (competition_id, _) = super::service::find_by_slug(&ctx.db, &slug, ctx.lang).await?;
        detail.manage_roles = can(&ctx.db, &user, Action::ViewRoles { competition_id }).await?;
        detail.outside_as = outside_teams(&ctx.db, &user, competition_id).await?;
    }
    Ok(detail)
}
