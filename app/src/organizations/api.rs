//! Server functions for organizations and affiliations: thin wrappers over the service.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::OrganizationSummary;
use crate::error::AppError;

/// Finds organizations by words of their name (anyone may search; names are public).
#[server(endpoint = "search_organizations")]
pub async fn search_organizations(query: String) -> Result<Vec<OrganizationSummary>, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    super::service::search(&ctx.db, &query, super::service::SEARCH_LIMIT).await
}

/// The admin's organizations page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationsAdmin {
    /// Matches (or the newest) with their member counts.
    pub rows: Vec<(OrganizationSummary, u64)>,
    /// How many organizations there are in all.
    pub total: u64,
    /// Region names the region field accepts.
    pub regions: Vec<String>,
}

#[cfg(feature = "ssr")]
async fn region_labels(ctx: &crate::context::RequestContext) -> Result<Vec<String>, AppError> {
    Ok(super::service::region_choices(&ctx.db)
        .await?
        .into_iter()
        .map(|(label, _, _)| label)
        .collect())
}

#[server(endpoint = "get_organizations_admin")]
pub async fn get_organizations_admin(query: String) -> Result<OrganizationsAdmin, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let (rows, total) = super::service::admin_list(&ctx.db, user.as_ref(), &query).await?;
    Ok(OrganizationsAdmin {
        rows,
        total,
        regions: region_labels(&ctx).await?,
    })
}

/// One organization and the region names, for the edit page.
#[server(endpoint = "get_organization")]
pub async fn get_organization(id: i32) -> Result<(OrganizationSummary, Vec<String>), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let org = super::service::get(&ctx.db, user.as_ref(), id).await?;
    Ok((org, region_labels(&ctx).await?))
}

#[server(endpoint = "create_organization")]
pub async fn create_organization(
    name: String,
    kind: String,
    region: String,
) -> Result<(), AppError> {
    use super::service::{self, OrganizationForm};
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    service::create(
        &ctx.db,
        user.as_ref(),
        OrganizationForm { name, kind, region },
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::OrganizationSaved.at("/admin/organisasi"),
    );
    Ok(())
}

#[server(endpoint = "update_organization")]
pub async fn update_organization(
    id: i32,
    name: String,
    kind: String,
    region: String,
) -> Result<(), AppError> {
    use super::service::{self, OrganizationForm};
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    service::update(
        &ctx.db,
        user.as_ref(),
        id,
        OrganizationForm { name, kind, region },
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::OrganizationSaved.at("/admin/organisasi"),
    );
    Ok(())
}

#[server(endpoint = "delete_organization")]
pub async fn delete_organization(id: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::delete(&ctx.db, user.as_ref(), id).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::OrganizationDeleted.at("/admin/organisasi"),
    );
    Ok(())
}

/// The signed-in person joins an organization they found.
#[server(endpoint = "join_organization")]
pub async fn join_organization(organization: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    super::membership::joining::ask(&ctx.db, user.id, organization).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProfileOrganizationsSaved.at("/profil#organisasi"),
    );
    Ok(())
}

#[server(endpoint = "leave_organization")]
pub async fn leave_organization(organization: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    super::membership::joining::leave(&ctx.db, user.id, organization).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProfileOrganizationsSaved.at("/profil#organisasi"),
    );
    Ok(())
}

/// An organization's members page (its admins, and platform admins).
#[server(endpoint = "get_organization_members")]
pub async fn get_organization_members(id: i32) -> Result<super::MembersPage, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::membership::queries::page(&ctx.db, user.as_ref(), id).await
}

#[cfg(feature = "ssr")]
fn back_to_members(organization: i32, notice: crate::site::notice::Notice) {
    crate::site::paths::redirect(&notice.at(&format!("/organisasi/{organization}/anggota")));
}

/// An admin approves (`answer=approve`, confirming the NIP shown) or refuses a request.
#[server(endpoint = "decide_organization_member")]
pub async fn decide_organization_member(
    organization: i32,
    member: i32,
    answer: String,
    #[server(default)] nip: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let approve = match answer.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(AppError::BadRequest),
    };
    super::membership::decisions::decide(
        &ctx.db,
        user.as_ref(),
        organization,
        member,
        approve,
        &nip,
    )
    .await?;
    back_to_members(
        organization,
        if approve {
            crate::site::notice::Notice::MemberApproved
        } else {
            crate::site::notice::Notice::MemberRefused
        },
    );
    Ok(())
}

#[server(endpoint = "remove_organization_member")]
pub async fn remove_organization_member(organization: i32, member: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::membership::decisions::remove(&ctx.db, user.as_ref(), organization, member).await?;
    back_to_members(organization, crate::site::notice::Notice::MemberRemoved);
    Ok(())
}

/// Makes an approved member an admin of the organization (`admin=yes`) or ends it.
#[server(endpoint = "set_organization_admin")]
pub async fn set_organization_admin(
    organization: i32,
    member: i32,
    admin: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let admin = match admin.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    super::membership::decisions::set_admin(&ctx.db, user.as_ref(), organization, member, admin)
        .await?;
    back_to_members(
        organization,
        crate::site::notice::Notice::MemberAdminChanged,
    );
    Ok(())
}

/// Names the person with a verified address an admin of the organization.
#[server(endpoint = "name_organization_admin")]
pub async fn name_organization_admin(
    organization: i32,
    admin_email: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::membership::decisions::name_admin(&ctx.db, user.as_ref(), organization, &admin_email)
        .await?;
    back_to_members(
        organization,
        crate::site::notice::Notice::MemberAdminChanged,
    );
    Ok(())
}

#[server(endpoint = "invite_to_organization")]
pub async fn invite_to_organization(
    organization: i32,
    invite_email: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::membership::invitations::invite(
        &ctx.db,
        user.as_ref(),
        organization,
        &invite_email,
        ctx.lang,
        &ctx.config.public_url,
    )
    .await?;
    back_to_members(organization, crate::site::notice::Notice::MemberInvited);
    Ok(())
}

/// Invitations from organizations waiting for the signed-in person.
#[server(endpoint = "get_my_organization_invites")]
pub async fn get_my_organization_invites() -> Result<Vec<super::OrganizationInviteView>, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    super::membership::invitations::my_invites(&ctx.db, &user).await
}

#[server(endpoint = "answer_organization_invite")]
pub async fn answer_organization_invite(invite: i32, answer: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest),
    };
    super::membership::invitations::answer_invite(&ctx.db, user.as_ref(), invite, accept).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProfileOrganizationsSaved.at("/profil#organisasi"),
    );
    Ok(())
}
