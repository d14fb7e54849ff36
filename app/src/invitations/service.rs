//! Sending, listing, withdrawing and accepting invitations.
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::{InvitationView, PendingInvitation, INVITABLE};
use crate::accounts::domain::{Email, Password, PersonName};
use crate::accounts::service::{hash_password, new_account, open_session};
use crate::accounts::tokens::{new_token, token_hash};
use crate::accounts::CurrentUser;
use crate::authz::record::assign;
use crate::authz::service::authorize;
use crate::authz::{Action, Role};
use crate::entities::{competition, invitation, user_account};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;

/// How long an invitation link works.
pub const VALID_FOR: Duration = Duration::days(14);

fn title(competition: &competition::Model, lang: Lang) -> &str {
    match lang {
        Lang::Id => &competition.title_id,
        Lang::En => &competition.title_en,
    }
}

/// Invites `email` to `role` in the competition and mails the link. Inviting the same
/// address to the same role again replaces the open invitation (a fresh link).
#[tracing::instrument(skip(db, by, base_url))]
pub async fn invite(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    competition_id: i32,
    email: &str,
    role: Role,
    lang: Lang,
    base_url: &str,
) -> Result<(), AppError> {
    let by = authorize(
        db,
        by,
        Action::ManageRole {
            competition_id,
            role,
        },
    )
    .await?;
    let mut errors = FieldErrors::new();
    errors.keep("invite_email", email);
    errors.keep("invite_role", role.code());
    let email = errors.check("invite_email", Email::parse(email));
    if !INVITABLE.contains(&role) {
        errors.add("invite_role", Key::InvitationsErrorRole);
    }
    let Some(email) = email.filter(|_| !errors.has_errors()) else {
        return Err(AppError::Validation(errors));
    };
    send(
        db,
        &by,
        competition_id,
        &email,
        role,
        lang,
        base_url,
        "invite_email",
    )
    .await
}

/// Records an invitation to `role` (replacing an open one for the same address and role)
/// and mails its link. The caller has checked the permission.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn send(
    db: &DatabaseConnection,
    by: &CurrentUser,
    competition_id: i32,
    email: &Email,
    role: Role,
    lang: Lang,
    base_url: &str,
    field: &str,
) -> Result<(), AppError> {
    // Each invitation is a mail: limited per address and per sender, like team and
    // organization invitations; `field` is where the form shows the refusal.
    if !crate::accounts::throttle::claim_invitation(db, email.as_str(), by.id).await? {
        return Err(AppError::field(field, Key::AccountsErrorTooMany));
    }
    let competition = competition::Entity::find_by_id(competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Write in the invitee's language when they have an account, else the inviter's.
    let account = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    let mail_lang = account
        .as_ref()
        .and_then(|a| Lang::parse(&a.lang))
        .unwrap_or(lang);
    let token = new_token();
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    invitation::Entity::delete_many()
        .filter(invitation::Column::CompetitionId.eq(competition_id))
        .filter(invitation::Column::Email.eq(email.as_str()))
        .filter(invitation::Column::Role.eq(role))
        .filter(invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    invitation::ActiveModel {
        token_hash: Set(token_hash(&token)),
        competition_id: Set(competition_id),
        email: Set(email.as_str().to_string()),
        role: Set(role),
        lang: Set(mail_lang.code().to_string()),
        invited_by: Set(Some(by.id)),
        created_at: Set(now),
        expires_at: Set(now + VALID_FOR),
        accepted_at: Set(None),
        accepted_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let link = format!("{base_url}/undangan?token={token}");
    mail::enqueue(
        &txn,
        email.as_str(),
        mail_lang,
        Key::MailInviteSubject,
        Key::MailInviteBody,
        &[
            ("inviter", &by.name),
            ("competition", title(&competition, mail_lang)),
            ("role", mail_lang.text(role.label())),
            ("link", &link),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The competition's invitations not yet accepted, newest first.
pub async fn pending(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    competition_id: i32,
) -> Result<Vec<PendingInvitation>, AppError> {
    authorize(db, by, Action::ManageInvitations { competition_id }).await?;
    Ok(invitation::Entity::find()
        .filter(invitation::Column::CompetitionId.eq(competition_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .order_by_desc(invitation::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|row| PendingInvitation {
            id: row.id,
            email: row.email,
            role: row.role,
            expires_at: row.expires_at,
        })
        .collect())
}

/// Withdraws an open invitation: its link stops working.
#[tracing::instrument(skip(db, by))]
pub async fn withdraw(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    competition_id: i32,
    invitation_id: i32,
) -> Result<(), AppError> {
    let row = invitation::Entity::find_by_id(invitation_id)
        .filter(invitation::Column::CompetitionId.eq(competition_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    authorize(
        db,
        by,
        Action::ManageRole {
            competition_id,
            role: row.role,
        },
    )
    .await?;
    invitation::Entity::delete_by_id(row.id).exec(db).await?;
    Ok(())
}

/// The open, unexpired invitation a token stands for.
async fn open_invitation(
    db: &impl sea_orm::ConnectionTrait,
    token: &str,
) -> Result<invitation::Model, AppError> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash(token)))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// What the acceptance page needs to know.
pub async fn view(
    db: &DatabaseConnection,
    token: &str,
    user: Option<&CurrentUser>,
    lang: Lang,
) -> Result<InvitationView, AppError> {
    let row = open_invitation(db, token).await?;
    let competition = competition::Entity::find_by_id(row.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let has_account = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(&row.email))
        .one(db)
        .await?
        .is_some();
    Ok(InvitationView {
        competition_title: title(&competition, lang).to_string(),
        role: row.role,
        email: row.email,
        has_account,
        signed_in_as: user.map(|u| u.name.clone()),
    })
}

/// What happened when an invitation was accepted.
pub struct Accepted {
    pub competition_slug: String,
    /// A new session's token when the acceptance created the account.
    pub new_session: Option<String>,
}

/// Accepts an invitation. Signed in: the role goes to that account. Signed out, with no
/// account for the address: one is made (verified: the link came to that inbox) from the
/// name and password given, and signed in. Signed out with an account: sign in first.
#[tracing::instrument(skip(db, token, user, name, password))]
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    user: Option<&CurrentUser>,
    name: &str,
    password: &str,
    lang: Lang,
) -> Result<Accepted, AppError> {
    let row = open_invitation(db, token).await?;
    let competition = competition::Entity::find_by_id(row.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = Utc::now();
    // Signed out: check the new account's details (and hash the password) before writing.
    let new_account_row = match user {
        Some(_) => None,
        None => {
            let exists = user_account::Entity::find()
                .filter(user_account::Column::Email.eq(&row.email))
                .one(db)
                .await?
                .is_some();
            if exists {
                return Err(AppError::Unauthorized);
            }
            let mut errors = FieldErrors::new();
            errors.keep("name", name);
            let name = errors.check("name", PersonName::parse(name));
            let password = errors.check("password", Password::parse(password));
            let (Some(name), Some(password)) = (name, password) else {
                return Err(AppError::Validation(errors));
            };
            let email = Email::parse(&row.email).map_err(|_| AppError::NotFound)?;
            let hash = hash_password(password).await?;
            Some(new_account(
                &email,
                name.as_str(),
                Some(hash),
                Some(now),
                lang,
            ))
        }
    };
    // Signed in: the link proves the invited address. An account under another address
    // takes the role only once its own address is proven.
    if let Some(user) = user {
        if !user.verified && !user.email.eq_ignore_ascii_case(&row.email) {
            return Err(AppError::Unverified);
        }
    }
    let txn = crate::db::begin_write(db).await?;
    let (user_id, new_session) = match (user, new_account_row) {
        (Some(user), _) => (user.id, None),
        (None, Some(row)) => {
            let account = row.insert(&txn).await?;
            (account.id, Some(open_session(&txn, account.id).await?))
        }
        (None, None) => return Err(AppError::Unauthorized),
    };
    // Claim the invitation first: of two acceptances at once, one wins.
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Some(now).into())
        .col_expr(invitation::Column::AcceptedBy, Some(user_id).into())
        .filter(invitation::Column::Id.eq(row.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    // The invited address is proven when its owner accepts while signed in with it.
    user_account::Entity::update_many()
        .col_expr(user_account::Column::EmailVerifiedAt, Some(now).into())
        .filter(user_account::Column::Id.eq(user_id))
        .filter(user_account::Column::Email.eq(&row.email))
        .filter(user_account::Column::EmailVerifiedAt.is_null())
        .exec(&txn)
        .await?;
    assign(
        &txn,
        row.competition_id,
        user_id,
        row.role,
        row.invited_by,
        "invitation",
    )
    .await?;
    txn.commit().await?;
    Ok(Accepted {
        competition_slug: competition.slug,
        new_session,
    })
}
