//! Accounts: sign-up with email verification, sign-in, sessions. Server-only.
use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use super::domain::{Email, Nip, Password, PersonName, Phone};
use super::throttle;
use super::tokens::{new_token, token_hash};
use super::{CurrentUser, Profile};
use crate::entities::{email_token, known_device, session, user_account};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;
use crate::organizations;
use crate::site::paths::with_next;

/// A session ends this long after sign-in, however active.
pub const SESSION_LIFETIME: Duration = Duration::days(30);
/// A session ends after this long without a request.
pub const SESSION_IDLE: Duration = Duration::days(7);
/// `last_seen_at` is written at most this often, to keep reads from becoming writes.
const TOUCH_EVERY: Duration = Duration::minutes(5);
const VERIFY_FOR: Duration = Duration::hours(48);
const RESET_FOR: Duration = Duration::hours(1);
pub const PURPOSE_VERIFY: &str = "verify_email";
pub const PURPOSE_RESET: &str = "reset_password";

/// At most one Argon2 computation per core at a time. Each takes 19 MiB and a core for
/// ~25 ms; more at once only adds memory (a burst of sign-ins would otherwise allocate
/// 19 MiB per waiting request) without finishing any sooner.
async fn hashing_permit() -> Result<tokio::sync::SemaphorePermit<'static>, AppError> {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            tokio::sync::Semaphore::new(cores.max(1))
        })
        .acquire()
        .await
        .map_err(|e| AppError::internal("password hashing permit", e))
}

/// Hashing is deliberately slow (Argon2id, default cost): keep it off the async threads.
pub(crate) async fn hash_password(password: Password) -> Result<String, AppError> {
    let _permit = hashing_permit().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| AppError::internal("password hashing task", e))?
    .map_err(|e| AppError::internal("hashing a password", e))
}

/// Checks a password against a stored hash; with no account, against a dummy hash, so
/// the time taken does not tell whether the address has an account.
async fn verify_password(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let _permit = hashing_permit().await?;
    tokio::task::spawn_blocking(move || {
        let dummy = "$argon2id$v=19$m=19456,t=2,p=1$c2F5ZW1iYXJhZHVtbXk$0l3Zi3mFd3Q2hS0v5Hq3mE3Q0l2jUa8vnz2m3qD7hXo";
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy.to_string());
        let ok = PasswordHash::new(&stored)
            .map(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
            .unwrap_or(false);
        known && ok
    })
    .await
    .map_err(|e| AppError::internal("password check task", e))
}

/// A new account row; `verified_at` is set when the address is already proven.
pub fn new_account(
    email: &Email,
    name: &str,
    password_hash: Option<String>,
    verified_at: Option<DateTime<Utc>>,
    lang: Lang,
) -> user_account::ActiveModel {
    let now = Utc::now();
    user_account::ActiveModel {
        email: Set(email.as_str().to_string()),
        name: Set(name.to_string()),
        password_hash: Set(password_hash),
        email_verified_at: Set(verified_at),
        lang: Set(lang.code().to_string()),
        phone: Set(None),
        nip: Set(None),
        is_admin: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Creates an unverified account and mails a verification link. If the address already
/// has an account, its owner is told by mail instead: the page says the same either way,
/// so sign-up does not reveal who has an account, and it takes as long: the password is
/// hashed either way. Sign-ups are limited per client and per address typed.
#[tracing::instrument(skip(db, form, base_url))]
pub async fn sign_up(
    db: &DatabaseConnection,
    form: super::SignUpFields,
    lang: Lang,
    base_url: &str,
    client: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let typed_organization =
        organizations::picker::chosen_or_typed(&form.organization, &form.organization_choice);
    errors.keep("name", &form.name);
    errors.keep("email", &form.email);
    errors.keep("organization", &typed_organization);
    let name = errors.check("name", PersonName::parse(&form.name));
    let email = errors.check("email", Email::parse(&form.email));
    let password = errors.check("password", Password::parse(&form.password));
    let organization = if typed_organization.trim().is_empty() {
        None
    } else {
        let found = organizations::service::find_by_name(db, &typed_organization).await?;
        if found.is_none() {
            // Refused with the registered names closest to it, to pick without JavaScript.
            organizations::picker::refuse_unknown(
                db,
                &mut errors,
                "organization",
                &typed_organization,
            )
            .await?;
        }
        found
    };
    let (Some(name), Some(email), Some(password)) = (name, email, password) else {
        return Err(AppError::Validation(errors));
    };
    if errors.has_errors() {
        return Err(AppError::Validation(errors));
    }
    let limits = [
        (throttle::SIGN_UP_ADDRESS, client),
        (throttle::SIGN_UP_EMAIL, email.as_str()),
    ];
    if throttle::claim(db, &limits).await?.is_none() {
        errors.add("email", Key::AccountsErrorTooMany);
        return Err(AppError::Validation(errors));
    }

    let hash = hash_password(password).await?;
    let existing = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    if let Some(user) = existing {
        let user_lang = Lang::parse(&user.lang).unwrap_or_default();
        // Not the way back typed with the sign-up: anyone may sign up with this address,
        // and the owner's mail must not lead where a stranger chose.
        let link = format!("{base_url}/masuk");
        mail::enqueue(
            db,
            &user.email,
            user_lang,
            Key::MailExistsSubject,
            Key::MailExistsBody,
            &[("name", &user.name), ("link", &link)],
        )
        .await?;
        return Ok(());
    }

    let txn = crate::db::begin_write(db).await?;
    let user = new_account(&email, name.as_str(), Some(hash), None, lang)
        .insert(&txn)
        .await?;
    if let Some(organization) = organization {
        organizations::membership::joining::request(&txn, user.id, organization.id).await?;
    }
    mail_verification_link(&txn, &user, lang, base_url, &form.next).await?;
    txn.commit().await?;
    Ok(())
}

/// Issues a verification token for the account and queues the mail with its link.
async fn mail_verification_link(
    txn: &impl ConnectionTrait,
    user: &user_account::Model,
    lang: Lang,
    base_url: &str,
    next: &str,
) -> Result<(), AppError> {
    let token = issue_email_token(txn, user.id, PURPOSE_VERIFY, Utc::now() + VERIFY_FOR).await?;
    let link = format!(
        "{base_url}{}",
        with_next(&format!("/verifikasi?token={token}"), next)
    );
    mail::enqueue(
        txn,
        &user.email,
        lang,
        Key::MailVerifySubject,
        Key::MailVerifyBody,
        &[("name", &user.name), ("link", &link)],
    )
    .await?;
    Ok(())
}

async fn issue_email_token(
    db: &impl ConnectionTrait,
    user_id: i32,
    purpose: &str,
    expires_at: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = new_token();
    email_token::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        purpose: Set(purpose.to_string()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Uses a single-use email token of `purpose`: returns its user, or `None` if the token is
/// wrong, used or expired. One conditional update claims it, so it works exactly once.
async fn claim_email_token(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: &str,
) -> Result<Option<i32>, AppError> {
    let now = Utc::now();
    let claimed = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Some(now).into())
        .filter(email_token::Column::Id.eq(token_hash(token)))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    let row = email_token::Entity::find_by_id(token_hash(token))
        .one(db)
        .await?;
    Ok(row.map(|r| r.user_id))
}

/// Marks the account's address verified. The token works once, before it expires.
#[tracing::instrument(skip(db, token))]
pub async fn verify_email(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let user_id = claim_email_token(&txn, token, PURPOSE_VERIFY)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = Utc::now();
    user_account::Entity::update_many()
        .col_expr(user_account::Column::EmailVerifiedAt, Some(now).into())
        .col_expr(user_account::Column::UpdatedAt, now.into())
        .filter(user_account::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Mails a password-reset link if the address has an account. The answer is the same
/// either way; requests are limited per address typed and per client.
#[tracing::instrument(skip(db, email, base_url))]
pub async fn request_password_reset(
    db: &DatabaseConnection,
    email: &str,
    client: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    errors.keep("email", email);
    let Some(email) = errors.check("email", Email::parse(email)) else {
        return Err(AppError::Validation(errors));
    };
    let limits = [
        (throttle::RESET_ACCOUNT, email.as_str()),
        (throttle::RESET_ADDRESS, client),
    ];
    if throttle::claim(db, &limits).await?.is_none() {
        errors.add("email", Key::AccountsErrorTooMany);
        return Err(AppError::Validation(errors));
    }
    let Some(user) = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let txn = crate::db::begin_write(db).await?;
    let token = issue_email_token(&txn, user.id, PURPOSE_RESET, Utc::now() + RESET_FOR).await?;
    let link = format!("{base_url}/atur-ulang-sandi?token={token}");
    let lang = Lang::parse(&user.lang).unwrap_or_default();
    mail::enqueue(
        &txn,
        &user.email,
        lang,
        Key::MailResetSubject,
        Key::MailResetBody,
        &[("name", &user.name), ("link", &link)],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a new password with a reset token, and ends every session of the account. The
/// token is looked at before the (costly) hashing, and tries are limited per client.
#[tracing::instrument(skip(db, token, password))]
pub async fn reset_password(
    db: &DatabaseConnection,
    token: &str,
    password: &str,
    client: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let Some(password) = errors.check("password", Password::parse(password)) else {
        return Err(AppError::Validation(errors));
    };
    let usable = email_token::Entity::find_by_id(token_hash(token))
        .filter(email_token::Column::Purpose.eq(PURPOSE_RESET))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?;
    if usable.is_none() {
        return Err(AppError::field("password", Key::AccountsErrorResetInvalid));
    }
    if throttle::claim(db, &[(throttle::RESET_USE_ADDRESS, client)])
        .await?
        .is_none()
    {
        return Err(AppError::field("password", Key::AccountsErrorTooMany));
    }
    let hash = hash_password(password).await?;
    let txn = crate::db::begin_write(db).await?;
    let Some(user_id) = claim_email_token(&txn, token, PURPOSE_RESET).await? else {
        return Err(AppError::field("password", Key::AccountsErrorResetInvalid));
    };
    let now = Utc::now();
    user_account::Entity::update_many()
        .col_expr(user_account::Column::PasswordHash, Some(hash).into())
        // The link reached the inbox, so the address is proven too.
        .col_expr(user_account::Column::EmailVerifiedAt, Some(now).into())
        .col_expr(user_account::Column::UpdatedAt, now.into())
        .filter(user_account::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Checks the credentials and opens a new session; returns the session's cookie token.
/// A wrong address and a wrong password give the same answer. Failures are counted per
/// (account, client) and per client, each with a hard limit, and per account with a
/// growing delay (`throttle`); past them the answer is "too many attempts".
#[tracing::instrument(skip(db, email, password))]
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    client: &str,
    device: Option<&str>,
) -> Result<SignedIn, AppError> {
    let mut errors = FieldErrors::new();
    errors.keep("email", email);
    let account_key = email.trim().to_lowercase();
    let known = match (device, Email::parse(email)) {
        (Some(device), Ok(address)) => known_device(db, device, address.as_str()).await?,
        _ => false,
    };
    let pair = format!("{account_key} {client}");
    let limits = [
        (throttle::SIGN_IN_PAIR, pair.as_str()),
        (throttle::SIGN_IN_ADDRESS, client),
    ];
    let Some(claim) = throttle::claim(db, &limits).await? else {
        errors.add("email", Key::AccountsErrorTooMany);
        return Err(AppError::Validation(errors));
    };
    // A browser this account signed in from before is not slowed down by strangers'
    // guesses (its own wrong passwords still count against it, per client).
    let account_claim = if known {
        throttle::Claim::default()
    } else {
        match throttle::claim_with_backoff(db, throttle::SIGN_IN_ACCOUNT, &account_key).await? {
            Some(claim) => claim,
            None => {
                claim.release(db).await?;
                errors.add("email", Key::AccountsErrorTooMany);
                return Err(AppError::Validation(errors));
            }
        }
    };
    let user = match Email::parse(email) {
        Ok(email) => {
            user_account::Entity::find()
                .filter(user_account::Column::Email.eq(email.as_str()))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    if !verify_password(password.to_string(), stored.clone()).await? {
        // The claims stay: this failure counts.
        errors.add("email", Key::AccountsErrorCredentials);
        return Err(AppError::Validation(errors));
    }
    let user = user.ok_or(AppError::Internal)?;
    // Checking took a while. The session opens only if the password is still the one
    // checked: a reset or an account handed over (which end every session) meanwhile
    // must not be outlived by a session opened with the old one. The conditional update
    // holds the account's row until the session is in.
    let txn = crate::db::begin_write(db).await?;
    let unchanged = user_account::Entity::update_many()
        .col_expr(
            user_account::Column::UpdatedAt,
            sea_orm::sea_query::Expr::col(user_account::Column::UpdatedAt),
        )
        .filter(user_account::Column::Id.eq(user.id))
        .filter(user_account::Column::PasswordHash.eq(stored))
        .exec(&txn)
        .await?;
    if unchanged.rows_affected != 1 {
        errors.add("email", Key::AccountsErrorCredentials);
        return Err(AppError::Validation(errors));
    }
    let token = open_session(&txn, user.id).await?;
    let new_device = if known {
        None
    } else {
        let device = new_token();
        known_device::ActiveModel {
            id: Set(token_hash(&device)),
            user_id: Set(user.id),
            created_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await?;
        Some(device)
    };
    txn.commit().await?;
    claim.release(db).await?;
    account_claim.release(db).await?;
    Ok(SignedIn {
        session: token,
        new_device,
    })
}

/// A sign-in's outcome: the new session's token, and a known-device token when this
/// browser had none for the account yet.
pub struct SignedIn {
    pub session: String,
    pub new_device: Option<String>,
}

/// Whether the browser's device token was issued by a sign-in to this address.
async fn known_device(
    db: &DatabaseConnection,
    device: &str,
    email: &str,
) -> Result<bool, AppError> {
    let Some(row) = known_device::Entity::find_by_id(token_hash(device))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    Ok(user_account::Entity::find_by_id(row.user_id)
        .one(db)
        .await?
        .is_some_and(|u| u.email == email))
}

/// A new session for `user_id`. Always a fresh token, so signing in rotates the session id.
pub async fn open_session(db: &impl ConnectionTrait, user_id: i32) -> Result<String, AppError> {
    let token = new_token();
    let now = Utc::now();
    session::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + SESSION_LIFETIME),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The user a session token belongs to, if the session is still alive.
pub async fn user_for_session(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<CurrentUser>, AppError> {
    let now = Utc::now();
    let Some((session, Some(user))) = session::Entity::find_by_id(token_hash(token))
        .find_also_related(user_account::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if session.expires_at <= now || session.last_seen_at + SESSION_IDLE <= now {
        session::Entity::delete_by_id(session.id).exec(db).await?;
        return Ok(None);
    }
    if session.last_seen_at + TOUCH_EVERY <= now {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, now.into())
            .filter(session::Column::Id.eq(session.id.clone()))
            .exec(db)
            .await?;
    }
    Ok(Some(CurrentUser {
        id: user.id,
        name: user.name,
        email: user.email,
        verified: user.email_verified_at.is_some(),
        is_admin: user.is_admin,
    }))
}

/// Ends one session.
pub async fn sign_out(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(token_hash(token))
        .exec(db)
        .await?;
    Ok(())
}

async fn account(db: &DatabaseConnection, user_id: i32) -> Result<user_account::Model, AppError> {
    user_account::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// Mails a fresh verification link to a signed-in person whose address is not yet
/// verified (a few times per window). Nothing happens once it is verified.
#[tracing::instrument(skip(db, base_url))]
pub async fn resend_verification(
    db: &DatabaseConnection,
    user_id: i32,
    base_url: &str,
) -> Result<(), AppError> {
    let user = account(db, user_id).await?;
    if user.email_verified_at.is_some() {
        return Ok(());
    }
    let limits = [(throttle::VERIFY_ACCOUNT, user.email.as_str())];
    if throttle::claim(db, &limits).await?.is_none() {
        return Err(AppError::field("resend", Key::AccountsErrorTooMany));
    }
    let lang = Lang::parse(&user.lang).unwrap_or_default();
    let txn = crate::db::begin_write(db).await?;
    mail_verification_link(&txn, &user, lang, base_url, "/").await?;
    txn.commit().await?;
    Ok(())
}

pub async fn profile(db: &DatabaseConnection, user_id: i32) -> Result<Profile, AppError> {
    let user = account(db, user_id).await?;
    Ok(Profile {
        verified: user.email_verified_at.is_some(),
        reminders: user.reminders,
        affiliations: organizations::membership::queries::mine(db, user.id).await?,
        nip_confirmed: match user.nip.as_deref() {
            Some(nip) if !nip.is_empty() => {
                organizations::membership::queries::nip_confirmed(db, user.id, nip).await?
            }
            _ => false,
        },
        name: user.name,
        email: user.email,
        phone: user.phone,
        nip: user.nip,
    })
}

pub struct ProfileForm {
    pub name: String,
    pub phone: String,
    pub nip: String,
}

/// Saves the person's name, phone and NIP, checking each.
#[tracing::instrument(skip(db, form))]
pub async fn update_profile(
    db: &DatabaseConnection,
    user_id: i32,
    form: ProfileForm,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    errors.keep("name", &form.name);
    errors.keep("phone", &form.phone);
    errors.keep("nip", &form.nip);
    let name = errors.check("name", PersonName::parse(&form.name));
    let phone = errors.check("phone", Phone::parse_optional(&form.phone));
    // Today in WIB: an appointment month in the NIP cannot be later than this one.
    let today = (Utc::now() + chrono::Duration::hours(7)).date_naive();
    let nip = errors.check("nip", Nip::parse_optional(&form.nip, today));
    let (Some(name), Some(phone), Some(nip)) = (name, phone, nip) else {
        return Err(AppError::Validation(errors));
    };
    let mut user: user_account::ActiveModel = account(db, user_id).await?.into();
    user.name = Set(name.as_str().to_string());
    user.phone = Set(phone.map(|p| p.as_str().to_string()));
    user.nip = Set(nip.map(|n| n.as_str().to_string()));
    user.updated_at = Set(Utc::now());
    user.update(db).await?;
    Ok(())
}

/// Changes the password after checking the current one; every other session of the
/// account ends, the one making the change stays.
#[tracing::instrument(skip(db, current, new, keep_session))]
pub async fn change_password(
    db: &DatabaseConnection,
    user_id: i32,
    current: &str,
    new: &str,
    keep_session: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let new = errors.check("new_password", Password::parse(new));
    let user = account(db, user_id).await?;
    if !verify_password(current.to_string(), user.password_hash.clone()).await? {
        errors.add("current_password", Key::AccountsErrorCurrentPassword);
    }
    let Some(new) = new.filter(|_| !errors.has_errors()) else {
        return Err(AppError::Validation(errors));
    };
    let hash = hash_password(new).await?;
    let txn = crate::db::begin_write(db).await?;
    let mut row: user_account::ActiveModel = user.into();
    row.password_hash = Set(Some(hash));
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::Id.ne(token_hash(keep_session)))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
