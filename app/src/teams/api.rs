//! Server functions for teams: thin wrappers over the service.
use leptos::prelude::*;

use super::{JoinView, MyTeams, RegistrationPage, TeamView};
use crate::error::AppError;

#[server(endpoint = "get_team_registration")]
pub async fn get_team_registration(slug: String) -> Result<RegistrationPage, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::registration::registration_page(&ctx.db, user.as_ref(), &slug, ctx.lang).await
}

#[server(endpoint = "register_team")]
pub async fn register_team(
    slug: String,
    name: String,
    agency: String,
    #[server(default)] region: String,
    #[server(default)] category: String,
    #[server(default)] group: String,
) -> Result<(), AppError> {
    use super::registration::{self, RegisterForm};
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let form = RegisterForm {
        name,
        agency,
        region,
        category,
        group,
    };
    let id = registration::register(&ctx.db, user.as_ref(), &slug, form).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::TeamRegistered.at(&format!("/tim/{id}")),
    );
    Ok(())
}

#[server(endpoint = "get_team")]
pub async fn get_team(id: i32) -> Result<TeamView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::members::view(&ctx.db, user.as_ref(), id, ctx.lang).await
}

#[server(endpoint = "invite_team_member")]
pub async fn invite_team_member(team: i32, invite_email: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::members::invite(
        &ctx.db,
        user.as_ref(),
        team,
        &invite_email,
        ctx.lang,
        &ctx.config.public_url,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::TeamInvited.at(&format!("/tim/{team}#anggota")),
    );
    Ok(())
}

#[server(endpoint = "get_join")]
pub async fn get_join(code: String) -> Result<JoinView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::members::join_view(&ctx.db, user.as_ref(), &code, ctx.lang).await
}

#[server(endpoint = "join_team")]
pub async fn join_team(code: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let id = super::members::join(&ctx.db, user.as_ref(), &code).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::TeamJoined.at(&format!("/tim/{id}")),
    );
    Ok(())
}

/// A member leaves (`member` = themselves) or the lead removes a member.
#[server(endpoint = "remove_team_member")]
pub async fn remove_team_member(team: i32, member: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::members::remove_member(&ctx.db, user.as_ref(), team, member).await?;
    let left = user.as_ref().map(|u| u.id) == Some(member);
    crate::site::paths::redirect(&if left {
        crate::site::notice::Notice::TeamLeft.at("/tim")
    } else {
        crate::site::notice::Notice::TeamMemberRemoved.at(&format!("/tim/{team}#anggota"))
    });
    Ok(())
}

#[server(endpoint = "new_team_code")]
pub async fn new_team_code(team: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::members::new_code(&ctx.db, user.as_ref(), team).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::TeamCodeReplaced.at(&format!("/tim/{team}#anggota")),
    );
    Ok(())
}

#[server(endpoint = "ask_team_supporter")]
pub async fn ask_team_supporter(team: i32, supporter: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let supporter = supporter
        .trim()
        .parse::<i32>()
        .map_err(|_| AppError::field("supporter", crate::i18n::Key::TeamsErrorSupporterUnknown))?;
    super::supporters::ask_supporter(
        &ctx.db,
        user.as_ref(),
        team,
        supporter,
        &ctx.config.public_url,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::TeamSupportAsked.at(&format!("/tim/{team}#pendamping")),
    );
    Ok(())
}

/// A mentor or partner of the team's competition offers to support it (from the
/// looking-for-team page).
#[server(endpoint = "offer_team_support")]
pub async fn offer_team_support(team: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let slug =
        super::supporters::offer_support(&ctx.db, user.as_ref(), team, &ctx.config.public_url)
            .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::FormingSupportOffered
            .at(&format!("/kompetisi/{slug}/cari-tim#didampingi")),
    );
    Ok(())
}

/// Answers a request for support (the mentor or partner asked) or an offer of support
/// (the team's lead): `answer=accept` or `answer=decline`.
#[server(endpoint = "answer_team_supporter")]
pub async fn answer_team_supporter(request: i32, answer: String) -> Result<(), AppError> {
    use super::supporters::Answerer;
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let accept = crate::teams::accepts(&answer)?;
    let answerer = super::supporters::answer_supporter(
        &ctx.db,
        user.as_ref(),
        request,
        accept,
        &ctx.config.public_url,
    )
    .await?;
    let back = match answerer {
        Answerer::Supporter => "/tim".to_string(),
        Answerer::Lead { team_id } => format!("/tim/{team_id}#pendamping"),
    };
    crate::site::paths::redirect(&crate::site::notice::Notice::TeamSupportAnswered.at(&back));
    Ok(())
}

#[server(endpoint = "get_my_teams")]
pub async fn get_my_teams() -> Result<MyTeams, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::queries::my_teams(&ctx.db, user.as_ref(), ctx.lang).await
}
