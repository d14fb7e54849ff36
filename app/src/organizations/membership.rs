//! Organizations vouch for their people. A person asks to join (or accepts an invitation);
//! the organization's admins approve or refuse, remove members and name other admins;
//! the platform's admins can do the same for any organization. Every change writes an
//! `affiliation_audit` row (who, when, before, after). Only approved affiliations count
//! where trust matters.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::service::{organization_summary, summaries};
use super::{
    AffiliationStatus, MemberView, MembersPage, MembershipEvent, MyAffiliation,
    OrganizationInviteView,
};
use crate::accounts::domain::Email;
use crate::accounts::{throttle, CurrentUser};
use crate::authz::{service::authorize, Action};
use crate::entities::{
    affiliation, affiliation_audit, organization, organization_invite, user_account,
};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;

/// How many organizations one person may belong to or ask to join.
pub const MAX_AFFILIATIONS: u64 = 10;
/// How much of the record the members page shows.
const HISTORY_SHOWN: u64 = 100;
/// How long an invitation to an organization can be answered.
const INVITE_VALID_FOR: chrono::Duration = chrono::Duration::days(30);

/// Writes one line of the record.
#[allow(clippy::too_many_arguments)]
async fn record(
    db: &impl ConnectionTrait,
    organization_id: i32,
    user_id: i32,
    action: &str,
    before: Option<AffiliationStatus>,
    after: Option<AffiliationStatus>,
    detail: Option<String>,
    by: Option<i32>,
) -> Result<(), AppError> {
    affiliation_audit::ActiveModel {
        organization_id: Set(organization_id),
        user_id: Set(user_id),
        action: Set(action.to_string()),
        before_status: Set(before.map(|s| s.code().to_string())),
        after_status: Set(after.map(|s| s.code().to_string())),
        detail: Set(detail),
        by_user_id: Set(by),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn find(
    db: &impl ConnectionTrait,
    user_id: i32,
    organization_id: i32,
) -> Result<Option<affiliation::Model>, AppError> {
    Ok(affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(user_id))
        .filter(affiliation::Column::OrganizationId.eq(organization_id))
        .one(db)
        .await?)
}

/// Moves an affiliation from `from` to `to` (a conditional update: of two admins
/// deciding at once, one wins) and records it. `false` when it was no longer in `from`.
#[allow(clippy::too_many_arguments)]
async fn change(
    db: &impl ConnectionTrait,
    row: &affiliation::Model,
    from: &[AffiliationStatus],
    to: AffiliationStatus,
    is_admin: bool,
    confirmed_nip: Option<Option<String>>,
    action: &str,
    by: Option<i32>,
) -> Result<bool, AppError> {
    let now = Utc::now();
    let mut update = affiliation::Entity::update_many()
        .col_expr(affiliation::Column::Status, Expr::value(to))
        .col_expr(affiliation::Column::IsAdmin, Expr::value(is_admin))
        .col_expr(affiliation::Column::DecidedBy, Expr::value(by))
        .col_expr(affiliation::Column::DecidedAt, Expr::value(Some(now)));
    if let Some(nip) = &confirmed_nip {
        update = update.col_expr(affiliation::Column::ConfirmedNip, Expr::value(nip.clone()));
    }
    let changed = update
        .filter(affiliation::Column::Id.eq(row.id))
        .filter(affiliation::Column::Status.is_in(from.iter().copied()))
        .filter(affiliation::Column::IsAdmin.eq(row.is_admin))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Ok(false);
    }
    let detail = confirmed_nip.flatten().map(|nip| format!("NIP {nip}"));
    record(
        db,
        row.organization_id,
        row.user_id,
        action,
        Some(row.status),
        Some(to),
        detail,
        by,
    )
    .await?;
    Ok(true)
}

/// The person asks to join (nothing changes while a request is open or they belong).
/// Also what sign-up does with the organization typed there.
#[tracing::instrument(skip(db))]
pub async fn request(
    db: &impl ConnectionTrait,
    user_id: i32,
    organization_id: i32,
) -> Result<(), AppError> {
    organization::Entity::find_by_id(organization_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let existing = find(db, user_id, organization_id).await?;
    if existing.as_ref().is_some_and(|a| {
        matches!(
            a.status,
            AffiliationStatus::Requested | AffiliationStatus::Approved
        )
    }) {
        return Ok(());
    }
    let open = affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(user_id))
        .filter(
            affiliation::Column::Status
                .is_in([AffiliationStatus::Requested, AffiliationStatus::Approved]),
        )
        .count(db)
        .await?;
    if open >= MAX_AFFILIATIONS {
        return Err(AppError::field(
            "organization",
            Key::OrganizationsErrorTooMany,
        ));
    }
    match existing {
        Some(row) => {
            let from = [AffiliationStatus::Refused, AffiliationStatus::Removed];
            change(
                db,
                &row,
                &from,
                AffiliationStatus::Requested,
                false,
                None,
                "requested",
                Some(user_id),
            )
            .await?;
        }
        None => {
            affiliation::ActiveModel {
                user_id: Set(user_id),
                organization_id: Set(organization_id),
                created_at: Set(Utc::now()),
                status: Set(AffiliationStatus::Requested),
                is_admin: Set(false),
                decided_by: Set(None),
                decided_at: Set(None),
                confirmed_nip: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            record(
                db,
                organization_id,
                user_id,
                "requested",
                None,
                Some(AffiliationStatus::Requested),
                None,
                Some(user_id),
            )
            .await?;
        }
    }
    Ok(())
}

/// [`request`] in its own transaction (from the profile).
pub async fn ask(
    db: &DatabaseConnection,
    user_id: i32,
    organization_id: i32,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    request(&txn, user_id, organization_id).await?;
    txn.commit().await?;
    Ok(())
}

/// The person leaves (or withdraws a request); the record keeps that they did.
#[tracing::instrument(skip(db))]
pub async fn leave(
    db: &DatabaseConnection,
    user_id: i32,
    organization_id: i32,
) -> Result<(), AppError> {
    let Some(row) = find(db, user_id, organization_id).await? else {
        return Ok(());
    };
    let from = [AffiliationStatus::Requested, AffiliationStatus::Approved];
    let txn = crate::db::begin_write(db).await?;
    change(
        &txn,
        &row,
        &from,
        AffiliationStatus::Removed,
        false,
        None,
        "left",
        Some(user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

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

/// The affiliation `id` of this organization, for an admin acting on it.
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
