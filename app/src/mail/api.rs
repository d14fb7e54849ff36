//! Server functions for the outbox.
use leptos::prelude::*;

use super::OutboxEntry;
use crate::error::AppError;

#[server(endpoint = "outbox")]
pub async fn outbox() -> Result<Vec<OutboxEntry>, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    crate::authz::service::authorize(&ctx.db, user.as_ref(), crate::authz::Action::ViewOutbox)
        .await?;
    super::service::recent(&ctx.db, 200).await
}
