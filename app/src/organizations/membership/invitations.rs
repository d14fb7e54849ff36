//! Invitations to an organization: an admin invites an address, and the person answers
//! on their profile once their address is verified.
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::{change, find, record};
use crate::accounts::domain::Email;
use crate::accounts::{throttle, CurrentUser};
use crate::authz::{service::authorize, Action};
use crate::entities::{affiliation, organization_invite, user_account};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;
use crate::organizations::service::organization_summary;
use crate::organizations::{AffiliationStatus, OrganizationInviteView};

/// How long an invitation to an organization can be answered.
const INVITE_VALID_FOR: chrono::Duration = chrono::Duration::days(30);

/// An admin invites an address; the person answers on their profile once signed in
/// under it (verified). Inviting again mails the link again (within the limits).
#[tracing::instrument(skip(db, by, base_url))]
pub async fn invite(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    organization_id: i32,
    email: &str,
    lang: Lang,
    base_url: &str,
) -> Result<(), AppError> {
    let by = authorize(db, by, Action::ManageMembers { organization_id }).await?;
    let mut errors = FieldErrors::new();
    errors.keep("invite_email", email);
    let Some(email) = errors.check("invite_email", Email::parse(email)) else {
        return Err(AppError::Validation(errors));
    };
    if !throttle::claim_invitation(db, email.as_str(), by.id).await? {
        errors.add("invite_email", Key::AccountsErrorTooMany);
        return Err(AppError::Validation(errors));
    }
    let organization = organization_summary(db, organization_id).await?;
    let recipient_lang = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .and_then(|u| Lang::parse(&u.lang))
        .unwrap_or(lang);
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let existing = organization_invite::Entity::find()
        .filter(organization_invite::Column::OrganizationId.eq(organization_id))
        .filter(organization_invite::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?;
    match existing {
        Some(row) => {
            let mut row: organization_invite::ActiveModel = row.into();
            row.invited_by = Set(Some(by.id));
            row.created_at = Set(now);
            row.answered_at = Set(None);
            row.update(&txn).await?;
        }
        None => {
            organization_invite::ActiveModel {
                organization_id: Set(organization_id),
                email: Set(email.as_str().to_string()),
                invited_by: Set(Some(by.id)),
                created_at: Set(now),
                answered_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    mail::enqueue(
        &txn,
        email.as_str(),
        recipient_lang,
        Key::MailOrganizationInviteSubject,
        Key::MailOrganizationInviteBody,
        &[
            ("inviter", &by.name),
            ("organization", &organization.name),
            ("link", &format!("{base_url}/profil#undangan-organisasi")),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Invitations waiting for the signed-in person (only once their address is proven:
/// the invitation was sent to the address, not to whoever typed it).
pub async fn my_invites(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> Result<Vec<OrganizationInviteView>, AppError> {
    if !user.verified {
        return Ok(Vec::new());
    }
    let rows = organization_invite::Entity::find()
        .filter(organization_invite::Column::Email.eq(user.email.to_lowercase()))
        .filter(organization_invite::Column::AnsweredAt.is_null())
        .order_by_asc(organization_invite::Column::CreatedAt)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let organization = organization_summary(db, row.organization_id).await?;
        let invited_by = match row.invited_by {
            Some(id) => user_account::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|u| u.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        out.push(OrganizationInviteView {
            id: row.id,
            organization,
            invited_by,
        });
    }
    Ok(out)
}

/// The invited person accepts (an approved member at once: the organization asked) or
/// declines.
#[tracing::instrument(skip(db, by))]
pub async fn answer_invite(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    invite_id: i32,
    accept: bool,
) -> Result<(), AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    user.require_verified()?;
    let invite = organization_invite::Entity::find_by_id(invite_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !invite.email.eq_ignore_ascii_case(&user.email) {
        return Err(AppError::Forbidden);
    }
    if accept {
        // Too old, or overtaken by a later decision (removed or refused after it was
        // sent), or sent by someone who no longer speaks for the organization: it no
        // longer stands.
        let expired = invite.created_at + INVITE_VALID_FOR < Utc::now();
        let overtaken = find(db, user.id, invite.organization_id)
            .await?
            .and_then(|row| row.decided_at)
            .is_some_and(|decided| decided > invite.created_at);
        let inviter_stands = match invite.invited_by {
            Some(inviter) => {
                let platform = user_account::Entity::find_by_id(inviter)
                    .one(db)
                    .await?
                    .is_some_and(|u| u.is_admin);
                platform
                    || find(db, inviter, invite.organization_id)
                        .await?
                        .is_some_and(|a| a.status == AffiliationStatus::Approved && a.is_admin)
            }
            None => false,
        };
        if expired || overtaken || !inviter_stands {
            return Err(AppError::field(
                "invite",
                Key::OrganizationsErrorInviteLapsed,
            ));
        }
    }
    let txn = crate::db::begin_write(db).await?;
    let answered = organization_invite::Entity::update_many()
        .col_expr(
            organization_invite::Column::AnsweredAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(organization_invite::Column::Id.eq(invite.id))
        .filter(organization_invite::Column::AnsweredAt.is_null())
        .exec(&txn)
        .await?;
    if answered.rows_affected == 0 {
        return Err(AppError::Conflict);
    }
    if accept {
        match find(&txn, user.id, invite.organization_id).await? {
            Some(row) if row.status == AffiliationStatus::Approved => {}
            Some(row) => {
                let from = [row.status];
                let done = change(
                    &txn,
                    &row,
                    &from,
                    AffiliationStatus::Approved,
                    false,
                    Some(None),
                    "invitation_accepted",
                    invite.invited_by,
                )
                .await?;
                if !done {
                    return Err(AppError::Conflict);
                }
            }
            None => {
                affiliation::ActiveModel {
                    user_id: Set(user.id),
                    organization_id: Set(invite.organization_id),
                    created_at: Set(Utc::now()),
                    status: Set(AffiliationStatus::Approved),
                    is_admin: Set(false),
                    decided_by: Set(invite.invited_by),
                    decided_at: Set(Some(Utc::now())),
                    confirmed_nip: Set(None),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                record(
                    &txn,
                    invite.organization_id,
                    user.id,
                    "invitation_accepted",
                    None,
                    Some(AffiliationStatus::Approved),
                    None,
                    invite.invited_by,
                )
                .await?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}
