//! Server functions for challenges: thin wrappers over the service.
// The challenge form posts its fields flat, one argument each; the `#[server]` macro's
// generated code needs the allowance at module level.
#![allow(clippy::too_many_arguments)]
use leptos::prelude::*;

use super::ChallengesPage;
use crate::error::AppError;

#[server(endpoint = "get_challenges")]
pub async fn get_challenges(slug: String, edit: Option<i32>) -> Result<ChallengesPage, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::page(&ctx.db, user.as_ref(), &slug, edit, ctx.lang).await
}

/// Posts a challenge, or with `challenge` changes that one.
#[server(endpoint = "save_challenge")]
pub async fn save_challenge(
    slug: String,
    #[server(default)] challenge: Option<i32>,
    organization: String,
    title: String,
    problem: String,
    #[server(default)] data_offered: String,
    contact: String,
    #[server(default)] prize: String,
) -> Result<(), AppError> {
    use super::service::{self, ChallengeForm};
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let form = ChallengeForm {
        organization,
        title,
        problem,
        data_offered,
        contact,
        prize,
    };
    let id = service::save(&ctx.db, user.as_ref(), &slug, challenge, form).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ChallengeSaved
            .at(&format!("/kompetisi/{slug}/tantangan#tantangan-{id}")),
    );
    Ok(())
}

#[server(endpoint = "remove_challenge")]
pub async fn remove_challenge(slug: String, challenge: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::remove(&ctx.db, user.as_ref(), &slug, challenge).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ChallengeRemoved.at(&format!("/kompetisi/{slug}/tantangan")),
    );
    Ok(())
}

/// The lead names the challenge the team answers; an empty `challenge` clears it.
#[server(endpoint = "choose_team_challenge")]
pub async fn choose_team_challenge(
    team: i32,
    #[server(default)] challenge: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let challenge =
        match challenge.trim() {
            "" => None,
            id => Some(id.parse::<i32>().map_err(|_| {
                AppError::field("challenge", crate::i18n::Key::ChallengesErrorUnknown)
            })?),
        };
    super::service::choose(&ctx.db, user.as_ref(), team, challenge).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::TeamChallengeChosen.at(&format!("/tim/{team}#tantangan")),
    );
    Ok(())
}
