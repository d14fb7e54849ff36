//! Granting and revoking roles in a competition (each change on the record, each grant
//! mailed to its holder), the roles page's list, and the platform admins named in the
//! settings.
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};

use super::record::{assign, audit};
use super::service::authorize;
use super::{Action, Role, RoleAssignment};
use crate::accounts::{domain::Email, CurrentUser};
use crate::entities::{competition, competition_role, team, team_supporter, user_account};
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;

pub async fn list_roles(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    competition_id: i32,
) -> Result<Vec<RoleAssignment>, AppError> {
    authorize(db, by, Action::ViewRoles { competition_id }).await?;
    let rows = competition_role::Entity::find()
        .filter(competition_role::Column::CompetitionId.eq(competition_id))
        .order_by_asc(competition_role::Column::Role)
        .order_by_asc(competition_role::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(user) = user_account::Entity::find_by_id(row.user_id)
            .one(db)
            .await?
        {
            out.push(RoleAssignment {
                id: row.id,
                name: user.name,
                email: user.email,
                role: row.role,
            });
        }
    }
    Ok(out)
}

/// What a grant came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granted {
    /// The verified account holds the role now.
    Assigned,
    /// No verified account has the address: an invitation went to it instead, and the
    /// role follows when its link is opened (which proves the address).
    Invited,
}

/// Gives the account with `email` a role in the competition (idempotent), on the record.
/// A role attaches only to a proven address: for an address without a verified account
/// the grant becomes an email invitation. A role new to the person is mailed to them in
/// their language, in the transaction that records it.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn grant(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    competition_id: i32,
    email: &str,
    role: Role,
    lang: Lang,
    base_url: &str,
) -> Result<Granted, AppError> {
    let by = authorize(
        db,
        by,
        Action::ManageRole {
            competition_id,
            role,
        },
    )
    .await?;
    let email = Email::parse(email).map_err(|key| AppError::field("email", key))?;
    let user = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .filter(user_account::Column::EmailVerifiedAt.is_not_null())
        .one(db)
        .await?;
    let Some(user) = user else {
        crate::invitations::service::send(
            db,
            &by,
            competition_id,
            &email,
            role,
            lang,
            base_url,
            "email",
        )
        .await?;
        return Ok(Granted::Invited);
    };
    let txn = crate::db::begin_write(db).await?;
    if assign(&txn, competition_id, user.id, role, Some(by.id), "grant").await? {
        tell_granted(&txn, &user, &by, competition_id, role, base_url).await?;
    }
    txn.commit().await?;
    Ok(Granted::Assigned)
}

/// Mails the person a role was just granted to, in their language; in the grant's
/// transaction, so the mail goes exactly when the role is recorded.
async fn tell_granted(
    txn: &impl ConnectionTrait,
    person: &user_account::Model,
    by: &CurrentUser,
    competition_id: i32,
    role: Role,
    base_url: &str,
) -> Result<(), AppError> {
    let competition = competition::Entity::find_by_id(competition_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = Lang::parse(&person.lang).unwrap_or_default();
    // Organizers work on the set-up pages; everyone else starts from the competition.
    let link = match role {
        Role::Organizer => format!("{base_url}/kelola/{}", competition.slug),
        _ => format!("{base_url}/kompetisi/{}", competition.slug),
    };
    mail::enqueue(
        txn,
        &person.email,
        lang,
        Key::MailRoleGrantedSubject,
        Key::MailRoleGrantedBody,
        &[
            ("name", &person.name),
            ("role", lang.text(role.label())),
            (
                "competition",
                lang.pick(&competition.title_id, &competition.title_en),
            ),
            ("link", &link),
            ("by", &by.name),
        ],
    )
    .await?;
    Ok(())
}

/// Takes a role away, on the record.
#[tracing::instrument(skip(db, by))]
pub async fn revoke(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    competition_id: i32,
    assignment_id: i32,
) -> Result<(), AppError> {
    let row = competition_role::Entity::find_by_id(assignment_id)
        .filter(competition_role::Column::CompetitionId.eq(competition_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let by = authorize(
        db,
        by,
        Action::ManageRole {
            competition_id,
            role: row.role,
        },
    )
    .await?;
    let txn = crate::db::begin_write(db).await?;
    let deleted = competition_role::Entity::delete_by_id(row.id)
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        // Revoked meanwhile by someone else: that revocation is the one on the record.
        return Ok(());
    }
    if matches!(row.role, Role::Mentor | Role::Partner) {
        end_supporter_links(&txn, competition_id, row.user_id, row.role).await?;
    }
    if row.role == Role::Juror {
        crate::judging::assignments::end_juror(&txn, competition_id, row.user_id, by.id).await?;
    }
    audit(
        &txn,
        competition_id,
        row.user_id,
        row.role,
        "revoke",
        Some(by.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A revoked mentor or partner stops supporting the competition's teams: their asked and
/// accepted links end (kept on the record, giving no access).
async fn end_supporter_links(
    txn: &impl ConnectionTrait,
    competition_id: i32,
    user_id: i32,
    role: Role,
) -> Result<(), AppError> {
    use crate::teams::RequestStatus;
    let teams = team::Entity::find()
        .select_only()
        .column(team::Column::Id)
        .filter(team::Column::CompetitionId.eq(competition_id))
        .into_query();
    // An accepted link ends (the record judging reads as a conflict); one only asked for
    // is closed, never having been support.
    for (from, to) in [
        (RequestStatus::Accepted, RequestStatus::Ended),
        (RequestStatus::Requested, RequestStatus::Closed),
    ] {
        team_supporter::Entity::update_many()
            .col_expr(team_supporter::Column::Status, Expr::value(to))
            .col_expr(team_supporter::Column::AnsweredAt, Expr::value(Utc::now()))
            .filter(team_supporter::Column::UserId.eq(user_id))
            .filter(team_supporter::Column::Role.eq(role))
            .filter(team_supporter::Column::Status.eq(from))
            .filter(team_supporter::Column::TeamId.in_subquery(teams.clone()))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Marks the verified accounts with these addresses as platform admins
/// (`SAYEMBARA_ADMIN_EMAILS`): at start-up, and when an address on the list is verified.
pub async fn promote_admins(db: &DatabaseConnection, emails: &[String]) -> Result<u64, AppError> {
    if emails.is_empty() {
        return Ok(0);
    }
    let emails: Vec<String> = emails.iter().map(|e| e.trim().to_lowercase()).collect();
    // Only a proven address: anyone can sign up with an address on the list.
    let result = user_account::Entity::update_many()
        .col_expr(user_account::Column::IsAdmin, true.into())
        .filter(user_account::Column::Email.is_in(emails))
        .filter(user_account::Column::EmailVerifiedAt.is_not_null())
        .filter(user_account::Column::IsAdmin.eq(false))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
