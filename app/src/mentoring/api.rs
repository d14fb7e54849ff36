//! Server functions for mentoring comments: thin wrappers over the service.
use leptos::prelude::*;

use super::ProposalToComment;
use crate::error::AppError;

/// The proposals of the reader's supported teams that wait for their comments.
#[server(endpoint = "get_proposals_to_comment")]
pub async fn get_proposals_to_comment() -> Result<Vec<ProposalToComment>, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::queries::to_comment(&ctx.db, user.as_ref(), ctx.lang).await
}

/// A comment on `part`, or with `parent` a reply in that thread.
#[server(endpoint = "add_comment")]
pub async fn add_comment(
    team: i32,
    part: String,
    #[server(default)] parent: Option<i32>,
    body: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::add(
        &ctx.db,
        user.as_ref(),
        team,
        &part,
        parent,
        &body,
        &ctx.config.public_url,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProposalCommentSaved
            .at(&format!("/tim/{team}/proposal#comments-{part}")),
    );
    Ok(())
}

/// `resolved=true` marks the thread resolved, `false` opens it again.
#[server(endpoint = "resolve_comment")]
pub async fn resolve_comment(team: i32, comment: i32, resolved: bool) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let part = super::service::resolve(&ctx.db, user.as_ref(), team, comment, resolved).await?;
    let notice = if resolved {
        crate::site::notice::Notice::ProposalCommentResolved
    } else {
        crate::site::notice::Notice::ProposalCommentReopened
    };
    crate::site::paths::redirect(&notice.at(&format!("/tim/{team}/proposal#comments-{part}")));
    Ok(())
}
