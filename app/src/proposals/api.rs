//! Server functions for proposals: thin wrappers over the service.
use std::collections::HashMap;

use leptos::prelude::*;

use super::{PartHistory, ProposalEditor, Saved};
use crate::error::AppError;

#[server(endpoint = "get_proposal_editor")]
pub async fn get_proposal_editor(team: i32) -> Result<ProposalEditor, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::editor::editor(&ctx.db, user.as_ref(), team, ctx.lang).await
}

/// The whole form: `text[part]`, `base[part]` (the version each part was opened at),
/// `sdg[n]` checkboxes, `started_on` and `meta_version`.
#[server(endpoint = "save_proposal")]
pub async fn save_proposal(
    team: i32,
    #[server(default)] text: HashMap<String, String>,
    #[server(default)] base: HashMap<String, String>,
    #[server(default)] sdg: HashMap<String, String>,
    #[server(default)] started_on: String,
    #[server(default)] meta_version: String,
) -> Result<(), AppError> {
    use super::drafts::{self, SaveForm};
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let form = SaveForm {
        texts: text,
        bases: base,
        sdgs: sdg,
        started_on,
        meta_version,
    };
    match drafts::save(&ctx.db, user.as_ref(), team, form).await {
        // The texts stay on the server; the URL the form comes back to carries a token.
        Err(AppError::Validation(mut errors)) => {
            if let Some(user) = &user {
                crate::site::stash::hide_values(&ctx.db, user.id, &mut errors).await?;
            }
            return Err(AppError::Validation(errors));
        }
        result => result?,
    }
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProposalSaved.at(&format!("/tim/{team}/proposal")),
    );
    Ok(())
}

/// What the signed-in person typed in a form that came back (`site::stash`).
#[server(endpoint = "get_stashed_values")]
pub async fn get_stashed_values(
    token: String,
) -> Result<std::collections::BTreeMap<String, String>, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    crate::site::stash::values(&ctx.db, user.id, &token).await
}

/// One part, saved as the user types.
#[server(endpoint = "autosave_part")]
pub async fn autosave_part(
    team: i32,
    part: String,
    base: i32,
    body: String,
) -> Result<Saved, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::drafts::save_part(&ctx.db, user.as_ref(), team, &part, base, &body).await
}

#[server(endpoint = "get_part_history")]
pub async fn get_part_history(team: i32, part: String) -> Result<PartHistory, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::history::history(&ctx.db, user.as_ref(), team, &part, ctx.lang).await
}

#[server(endpoint = "restore_revision")]
pub async fn restore_revision(team: i32, revision: i32, base: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let part = super::history::restore(&ctx.db, user.as_ref(), team, revision, base).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProposalRestored
            .at(&format!("/tim/{team}/proposal#field-{part}")),
    );
    Ok(())
}

#[server(endpoint = "submit_proposal")]
pub async fn submit_proposal(team: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::submission::submit(&ctx.db, user.as_ref(), team, &ctx.config.public_url).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProposalSubmitted.at(&format!("/tim/{team}/proposal")),
    );
    Ok(())
}

#[server(endpoint = "withdraw_proposal")]
pub async fn withdraw_proposal(team: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::submission::withdraw(&ctx.db, user.as_ref(), team).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProposalWithdrawn.at(&format!("/tim/{team}/proposal")),
    );
    Ok(())
}
