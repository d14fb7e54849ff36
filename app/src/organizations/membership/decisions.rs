//! The organization's admins decide: approve or refuse a request, remove a member, name
//! or end an admin. Each is a conditional `change`: of two admins deciding at once, one
//! wins and the other is told of the conflict.
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, Set,
};

use super::{change, find, record};
use crate::accounts::domain::Email;
use crate::accounts::CurrentUser;
use crate::authz::{service::authorize, Action};
use crate::entities::{affiliation, organization_invite, user_account};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;
use crate::organizations::AffiliationStatus;

/// Ends the invitations still open for the person of `row`: a removal or refusal is not
/// undone by an invitation sent before it.
async fn close_invitations(
    db: &impl ConnectionTrait,
    row: &affiliation::Model,
) -> Result<(), AppError> {
    let Some(person) = user_account::Entity::find_by_id(row.user_id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    organization_invite::Entity::update_many()
        .col_expr(
            organization_invite::Column::AnsweredAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(organization_invite::Column::OrganizationId.eq(row.organization_id))
        .filter(organization_invite::Column::Email.eq(person.email.to_lowercase()))
        .filter(organization_invite::Column::AnsweredAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The affiliation `id` of this organization, for an admin acting on it.
async fn member_row(
    db: &DatabaseConnection,
    organization_id: i32,
    id: i32,
) -> Result<affiliation::Model, AppError> {
    affiliation::Entity::find_by_id(id)
        .filter(affiliation::Column::OrganizationId.eq(organization_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// An admin approves or refuses a request. Approving confirms the NIP the admin was
/// shown (`shown_nip`); if the person changed it meanwhile, nothing is decided.
#[tracing::instrument(skip(db, by))]
pub async fn decide(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    organization_id: i32,
    id: i32,
    approve: bool,
    shown_nip: &str,
) -> Result<(), AppError> {
    let by = authorize(db, by, Action::ManageMembers { organization_id }).await?;
    let row = member_row(db, organization_id, id).await?;
    let person = user_account::Entity::find_by_id(row.user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let field = format!("member-{id}");
    if approve && person.email_verified_at.is_none() {
        return Err(AppError::field(
            &field,
            Key::OrganizationsErrorMemberUnverified,
        ));
    }
    let nip = person.nip.clone().filter(|n| !n.is_empty());
    if approve && nip.as_deref().unwrap_or("") != shown_nip.trim() {
        return Err(AppError::field(&field, Key::OrganizationsErrorNipChanged));
    }
    let (to, action, confirmed) = if approve {
        (AffiliationStatus::Approved, "approved", Some(nip))
    } else {
        (AffiliationStatus::Refused, "refused", None)
    };
    let txn = crate::db::begin_write(db).await?;
    let done = change(
        &txn,
        &row,
        &[AffiliationStatus::Requested],
        to,
        false,
        confirmed,
        action,
        Some(by.id),
    )
    .await?;
    if !done {
        return Err(AppError::Conflict);
    }
    if !approve {
        close_invitations(&txn, &row).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// An admin removes an approved member (an admin among them loses that too).
#[tracing::instrument(skip(db, by))]
pub async fn remove(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    organization_id: i32,
    id: i32,
) -> Result<(), AppError> {
    let by = authorize(db, by, Action::ManageMembers { organization_id }).await?;
    let row = member_row(db, organization_id, id).await?;
    let txn = crate::db::begin_write(db).await?;
    let done = change(
        &txn,
        &row,
        &[AffiliationStatus::Approved],
        AffiliationStatus::Removed,
        false,
        None,
        "removed",
        Some(by.id),
    )
    .await?;
    if !done {
        return Err(AppError::Conflict);
    }
    close_invitations(&txn, &row).await?;
    txn.commit().await?;
    Ok(())
}

/// An admin makes an approved member an admin of the organization, or ends that.
#[tracing::instrument(skip(db, by))]
pub async fn set_admin(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    organization_id: i32,
    id: i32,
    admin: bool,
) -> Result<(), AppError> {
    let by = authorize(db, by, Action::ManageMembers { organization_id }).await?;
    let row = member_row(db, organization_id, id).await?;
    if row.status != AffiliationStatus::Approved {
        return Err(AppError::Conflict);
    }
    if row.is_admin == admin {
        return Ok(());
    }
    let action = if admin { "admin_named" } else { "admin_ended" };
    let txn = crate::db::begin_write(db).await?;
    let done = change(
        &txn,
        &row,
        &[AffiliationStatus::Approved],
        AffiliationStatus::Approved,
        admin,
        None,
        action,
        Some(by.id),
    )
    .await?;
    if !done {
        return Err(AppError::Conflict);
    }
    txn.commit().await?;
    Ok(())
}

/// Names the person with this (verified) address an admin of the organization, making
/// them an approved member if they were not. How the first admin of an organization is
/// named by a platform admin.
#[tracing::instrument(skip(db, by))]
pub async fn name_admin(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    organization_id: i32,
    email: &str,
) -> Result<(), AppError> {
    let by = authorize(db, by, Action::ManageMembers { organization_id }).await?;
    let mut errors = FieldErrors::new();
    errors.keep("admin_email", email);
    let Some(email) = errors.check("admin_email", Email::parse(email)) else {
        return Err(AppError::Validation(errors));
    };
    let person = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .filter(user_account::Column::EmailVerifiedAt.is_not_null())
        .one(db)
        .await?;
    let current = match &person {
        Some(p) => find(db, p.id, organization_id).await?,
        None => None,
    };
    // An organization's own admins promote approved members only: anyone else is invited
    // (and so consents). Naming someone from outside is the platform admins' step, how an
    // organization gets its first admin. The answer does not tell an organization admin
    // whether an address has an account.
    let approved = current
        .as_ref()
        .is_some_and(|a| a.status == AffiliationStatus::Approved);
    if !by.is_admin && !approved {
        errors.add("admin_email", Key::OrganizationsErrorNotMember);
        return Err(AppError::Validation(errors));
    }
    let Some(person) = person else {
        errors.add("admin_email", Key::OrganizationsErrorNoVerifiedAccount);
        return Err(AppError::Validation(errors));
    };
    let txn = crate::db::begin_write(db).await?;
    match find(&txn, person.id, organization_id).await? {
        Some(row) if row.status == AffiliationStatus::Approved && row.is_admin => {}
        Some(row) => {
            let from = [row.status];
            let nip = if row.status == AffiliationStatus::Approved {
                None
            } else {
                Some(None)
            };
            let done = change(
                &txn,
                &row,
                &from,
                AffiliationStatus::Approved,
                true,
                nip,
                "admin_named",
                Some(by.id),
            )
            .await?;
            if !done {
                return Err(AppError::Conflict);
            }
        }
        None => {
            affiliation::ActiveModel {
                user_id: Set(person.id),
                organization_id: Set(organization_id),
                created_at: Set(Utc::now()),
                status: Set(AffiliationStatus::Approved),
                is_admin: Set(true),
                decided_by: Set(Some(by.id)),
                decided_at: Set(Some(Utc::now())),
                confirmed_nip: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            record(
                &txn,
                organization_id,
                person.id,
                "admin_named",
                None,
                Some(AffiliationStatus::Approved),
                None,
                Some(by.id),
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
