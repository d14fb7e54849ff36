//! Server function for the organizer's dashboard.
use leptos::prelude::*;

use super::{Dashboard, EligibilityView, Filters};
use crate::error::AppError;

#[server(endpoint = "get_dashboard")]
pub async fn get_dashboard(slug: String, filters: Filters) -> Result<Dashboard, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::dashboard(&ctx.db, user.as_ref(), &slug, filters, ctx.lang).await
}

#[server(endpoint = "get_eligibility")]
pub async fn get_eligibility(slug: String, team: i32) -> Result<EligibilityView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::eligibility(&ctx.db, user.as_ref(), &slug, team, ctx.lang).await
}

/// `decision` is `eligible` or `ineligible`; a reason is required for `ineligible`.
#[server(endpoint = "decide_eligibility")]
pub async fn decide_eligibility(
    slug: String,
    team: i32,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::decide(
        &ctx.db,
        user.as_ref(),
        &slug,
        team,
        &decision,
        &reason,
        &ctx.config.public_url,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::EligibilityDecided
            .at(&format!("/kelola/{slug}/peserta/{team}")),
    );
    Ok(())
}
