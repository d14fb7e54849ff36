//! Server functions for team forming: thin wrappers over the service.
use leptos::prelude::*;

use super::FormingPage;
use crate::error::AppError;

#[server(endpoint = "get_team_forming")]
pub async fn get_team_forming(
    slug: String,
    #[server(default)] search: String,
) -> Result<FormingPage, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::board::page(&ctx.db, user.as_ref(), &slug, &search, ctx.lang).await
}

#[server(endpoint = "save_seeker_listing")]
pub async fn save_seeker_listing(
    slug: String,
    skills: String,
    #[server(default)] about: String,
    #[server(default)] agency: String,
    #[server(default)] region: String,
) -> Result<(), AppError> {
    use super::listings::{self, ListingForm};
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let form = ListingForm {
        skills,
        about,
        agency,
        region,
    };
    listings::save_listing(&ctx.db, user.as_ref(), &slug, form).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::FormingListed.at(&format!("/kompetisi/{slug}/cari-tim")),
    );
    Ok(())
}

#[server(endpoint = "remove_seeker_listing")]
pub async fn remove_seeker_listing(slug: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::listings::remove_listing(&ctx.db, user.as_ref(), &slug).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::FormingUnlisted.at(&format!("/kompetisi/{slug}/cari-tim")),
    );
    Ok(())
}

/// The lead lists the skills the team needs; empty takes the team off the list.
#[server(endpoint = "save_team_wanted")]
pub async fn save_team_wanted(
    slug: String,
    team: i32,
    #[server(default)] wanted_skills: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::listings::save_wanted(&ctx.db, user.as_ref(), team, &wanted_skills).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::FormingTeamSaved.at(&format!("/kompetisi/{slug}/cari-tim")),
    );
    Ok(())
}

/// A person without a team asks to join `team`.
#[server(endpoint = "ask_to_join")]
pub async fn ask_to_join(
    slug: String,
    team: i32,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::requests::ask(
        &ctx.db,
        user.as_ref(),
        team,
        &message,
        &ctx.config.public_url,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::FormingAsked.at(&format!("/kompetisi/{slug}/cari-tim")),
    );
    Ok(())
}

/// The lead of `team` asks `person` (from the list) to join.
#[server(endpoint = "invite_seeker")]
pub async fn invite_seeker(
    slug: String,
    team: i32,
    person: i32,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::requests::invite(
        &ctx.db,
        user.as_ref(),
        team,
        person,
        &message,
        &ctx.config.public_url,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::FormingInvited.at(&format!("/kompetisi/{slug}/cari-tim")),
    );
    Ok(())
}

/// `answer=accept` or `answer=decline`.
#[server(endpoint = "answer_join_request")]
pub async fn answer_join_request(request: i32, answer: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let accept = crate::teams::accepts(&answer)?;
    let slug = super::requests::answer(
        &ctx.db,
        user.as_ref(),
        request,
        accept,
        &ctx.config.public_url,
    )
    .await?;
    let notice = if accept {
        crate::site::notice::Notice::FormingAccepted
    } else {
        crate::site::notice::Notice::FormingDeclined
    };
    crate::site::paths::redirect(&notice.at(&format!("/kompetisi/{slug}/cari-tim")));
    Ok(())
}
