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
    crate::site::paths::redirect("/admin/organisasi?tersimpan=1");
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
    crate::site::paths::redirect("/admin/organisasi?tersimpan=1");
    Ok(())
}

#[server(endpoint = "delete_organization")]
pub async fn delete_organization(id: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::service::delete(&ctx.db, user.as_ref(), id).await?;
    crate::site::paths::redirect("/admin/organisasi?dihapus=1");
    Ok(())
}

/// The signed-in person joins an organization they found.
#[server(endpoint = "join_organization")]
pub async fn join_organization(organization: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    super::service::join(&ctx.db, user.id, organization).await?;
    crate::site::paths::redirect("/profil?tersimpan=organisasi#organisasi");
    Ok(())
}

#[server(endpoint = "leave_organization")]
pub async fn leave_organization(organization: i32) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    super::service::leave(&ctx.db, user.id, organization).await?;
    crate::site::paths::redirect("/profil?tersimpan=organisasi#organisasi");
    Ok(())
}
