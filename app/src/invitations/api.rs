//! Server functions for invitations: thin wrappers over the service.
use leptos::prelude::*;

use super::InvitationView;
use crate::error::AppError;

#[server(endpoint = "invite")]
pub async fn invite(
    slug: String,
    invite_email: String,
    invite_role: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let (id, _) = crate::competitions::service::find_by_slug(&ctx.db, &slug, ctx.lang).await?;
    let role = crate::authz::Role::parse(&invite_role)
        .ok_or_else(|| AppError::field("invite_role", crate::i18n::Key::InvitationsErrorRole))?;
    super::service::invite(
        &ctx.db,
        user.as_ref(),
        id,
        &invite_email,
        role,
        ctx.lang,
        &ctx.config.public_url,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::RoleInvited.at(&format!("/kompetisi/{slug}/peran")),
    );
    Ok(())
}

#[server(endpoint = "withdraw_invitation")]
pub async fn withdraw_invitation(slug: String, invitation: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let (id, _) = crate::competitions::service::find_by_slug(&ctx.db, &slug, ctx.lang).await?;
    super::service::withdraw(&ctx.db, user.as_ref(), id, invitation).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::RoleInvitationWithdrawn
            .at(&format!("/kompetisi/{slug}/peran")),
    );
    Ok(())
}

#[server(endpoint = "get_invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::view(&ctx.db, &token, user.as_ref(), ctx.lang).await
}

#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    #[server(default)] name: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let accepted =
        super::service::accept(&ctx.db, &token, user.as_ref(), &name, &password, ctx.lang).await?;
    if let Some(session) = accepted.new_session {
        ctx.set_cookie(crate::accounts::session::set_cookie(
            &session,
            ctx.config.secure_cookies(),
        ))?;
    }
    crate::site::paths::redirect(&format!(
        "/kompetisi/{}?peran=diterima",
        accepted.competition_slug
    ));
    Ok(())
}
