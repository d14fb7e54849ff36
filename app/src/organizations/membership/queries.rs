//! What the pages and other areas read: a person's organizations, whether they are an
//! approved member, and an organization's members page.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::find;
use crate::accounts::CurrentUser;
use crate::authz::{service::authorize, Action};
use crate::entities::{
    affiliation, affiliation_audit, organization, organization_invite, user_account,
};
use crate::error::AppError;
use crate::organizations::service::{organization_summary, summaries};
use crate::organizations::{
    AffiliationStatus, MemberView, MembersPage, MembershipEvent, MyAffiliation,
};

/// How much of the record the members page shows.
const HISTORY_SHOWN: u64 = 100;

/// The person's organizations (asked, approved or refused), by name.
pub async fn mine(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<MyAffiliation>, AppError> {
    let rows = affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(user_id))
        .filter(affiliation::Column::Status.ne(AffiliationStatus::Removed))
        .all(db)
        .await?;
    let orgs = organization::Entity::find()
        .filter(organization::Column::Id.is_in(rows.iter().map(|r| r.organization_id)))
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?;
    let by_org: HashMap<i32, &affiliation::Model> =
        rows.iter().map(|r| (r.organization_id, r)).collect();
    Ok(summaries(db, orgs)
        .await?
        .into_iter()
        .filter_map(|organization| {
            let row = by_org.get(&organization.id)?;
            Some(MyAffiliation {
                organization,
                status: row.status,
                is_admin: row.is_admin && row.status == AffiliationStatus::Approved,
            })
        })
        .collect())
}

/// Whether an approved affiliation confirmed this NIP.
pub async fn nip_confirmed(
    db: &impl ConnectionTrait,
    user_id: i32,
    nip: &str,
) -> Result<bool, AppError> {
    Ok(affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(user_id))
        .filter(affiliation::Column::Status.eq(AffiliationStatus::Approved))
        .filter(affiliation::Column::ConfirmedNip.eq(nip))
        .count(db)
        .await?
        > 0)
}

/// Whether the person is an approved member of the organization.
pub async fn is_approved_member(
    db: &impl ConnectionTrait,
    user_id: i32,
    organization_id: i32,
) -> Result<bool, AppError> {
    Ok(find(db, user_id, organization_id)
        .await?
        .is_some_and(|a| a.status == AffiliationStatus::Approved))
}

/// The members page: open requests, members, open invitations and the record.
pub async fn page(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    organization_id: i32,
) -> Result<MembersPage, AppError> {
    authorize(db, by, Action::ManageMembers { organization_id }).await?;
    let organization = organization_summary(db, organization_id).await?;
    let rows = affiliation::Entity::find()
        .filter(affiliation::Column::OrganizationId.eq(organization_id))
        .filter(
            affiliation::Column::Status
                .is_in([AffiliationStatus::Requested, AffiliationStatus::Approved]),
        )
        .order_by_asc(affiliation::Column::CreatedAt)
        .all(db)
        .await?;
    let audit = affiliation_audit::Entity::find()
        .filter(affiliation_audit::Column::OrganizationId.eq(organization_id))
        .order_by_desc(affiliation_audit::Column::At)
        .order_by_desc(affiliation_audit::Column::Id)
        .limit(HISTORY_SHOWN)
        .all(db)
        .await?;
    let people: HashMap<i32, user_account::Model> = user_account::Entity::find()
        .filter(
            user_account::Column::Id.is_in(
                rows.iter()
                    .map(|r| r.user_id)
                    .chain(audit.iter().map(|a| a.user_id))
                    .chain(audit.iter().filter_map(|a| a.by_user_id)),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let name = |id: i32| people.get(&id).map(|u| u.name.clone()).unwrap_or_default();
    let (mut requests, mut members) = (Vec::new(), Vec::new());
    for row in rows {
        let Some(person) = people.get(&row.user_id) else {
            continue;
        };
        let view = MemberView {
            id: row.id,
            name: person.name.clone(),
            email: person.email.clone(),
            verified: person.email_verified_at.is_some(),
            nip: person.nip.clone(),
            confirmed_nip: row.confirmed_nip.clone(),
            status: row.status,
            is_admin: row.is_admin,
            since: row.decided_at.unwrap_or(row.created_at),
        };
        match row.status {
            AffiliationStatus::Requested => requests.push(view),
            _ => members.push(view),
        }
    }
    let invited = organization_invite::Entity::find()
        .filter(organization_invite::Column::OrganizationId.eq(organization_id))
        .filter(organization_invite::Column::AnsweredAt.is_null())
        .order_by_asc(organization_invite::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.email)
        .collect();
    let history = audit
        .into_iter()
        .map(|a| MembershipEvent {
            at: a.at,
            person: name(a.user_id),
            action: a.action,
            before: a
                .before_status
                .as_deref()
                .and_then(AffiliationStatus::parse),
            after: a.after_status.as_deref().and_then(AffiliationStatus::parse),
            detail: a.detail,
            by: a.by_user_id.map(name),
        })
        .collect();
    Ok(MembersPage {
        organization,
        requests,
        members,
        invited,
        history,
    })
}
