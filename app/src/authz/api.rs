//! Server functions for roles: thin wrappers over the authorization service.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::RoleAssignment;
use crate::error::AppError;

/// A competition's roles page: its title and who holds which role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolesOverview {
    pub title: String,
    pub assignments: Vec<RoleAssignment>,
    pub invitations: Vec<crate::invitations::PendingInvitation>,
}

#[server(endpoint = "get_competition_roles")]
pub async fn get_competition_roles(slug: String) -> Result<RolesOverview, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let (id, title) = crate::competitions::service::find_by_slug(&ctx.db, &slug, ctx.lang).await?;
    let assignments = super::roles::list_roles(&ctx.db, user.as_ref(), id).await?;
    let invitations = crate::invitations::service::pending(&ctx.db, user.as_ref(), id).await?;
    Ok(RolesOverview {
        title,
        assignments,
        invitations,
    })
}

#[server(endpoint = "grant_role")]
pub async fn grant_role(slug: String, email: String, role: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let (id, _) = crate::competitions::service::find_by_slug(&ctx.db, &slug, ctx.lang).await?;
    let role = super::Role::parse(&role).ok_or(AppError::NotFound)?;
    let granted = super::roles::grant(
        &ctx.db,
        user.as_ref(),
        id,
        &email,
        role,
        ctx.lang,
        &ctx.config.public_url,
    )
    .await?;
    let notice = match granted {
        super::roles::Granted::Assigned => crate::site::notice::Notice::RoleGranted,
        super::roles::Granted::Invited => crate::site::notice::Notice::RoleInvited,
    };
    crate::site::paths::redirect(&notice.at(&format!("/kompetisi/{slug}/peran")));
    Ok(())
}

#[server(endpoint = "revoke_role")]
pub async fn revoke_role(slug: String, assignment: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let (id, _) = crate::competitions::service::find_by_slug(&ctx.db, &slug, ctx.lang).await?;
    super::roles::revoke(&ctx.db, user.as_ref(), id, assignment).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::RoleRevoked.at(&format!("/kompetisi/{slug}/peran")),
    );
    Ok(())
}
