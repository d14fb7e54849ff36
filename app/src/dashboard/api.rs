//! Server function for the organizer's dashboard.
use leptos::prelude::*;

use super::{Dashboard, Filters};
use crate::error::AppError;

#[server(endpoint = "get_dashboard")]
pub async fn get_dashboard(slug: String, filters: Filters) -> Result<Dashboard, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::dashboard(&ctx.db, user.as_ref(), &slug, filters, ctx.lang).await
}
