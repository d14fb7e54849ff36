//! Sign-in through an OAuth2 / OpenID Connect provider (a government SSO, Google, a
//! university's Keycloak): authorization code with PKCE, state checked, userinfo read,
//! account linked by verified email. Configured by environment, no code per provider.
use chrono::{Duration, Utc};
use oauth2::{
    basic::BasicClient, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, TokenUrl,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

use super::service::{new_account, open_session};
use super::tokens::token_hash;
use crate::entities::{oauth_state, session, user_account};
use crate::error::AppError;
use crate::i18n::Lang;

/// One provider (`SAYEMBARA_OAUTH_*`, see README).
#[derive(Clone, Debug)]
pub struct OAuthSettings {
    /// Shown on the sign-in button, e.g. "SSO ASN".
    pub name: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub authorize_url: String,
    pub token_url: String,
    pub userinfo_url: String,
    pub scopes: Vec<String>,
}

/// Where the provider sends the browser back.
pub const CALLBACK_PATH: &str = "/masuk/oauth/kembali";
const STATE_LIFETIME: Duration = Duration::minutes(10);

fn http_client() -> Result<oauth2::reqwest::Client, AppError> {
    // No redirects: following them from a token endpoint opens the door to SSRF.
    oauth2::reqwest::ClientBuilder::new()
        .redirect(oauth2::reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .map_err(|e| AppError::internal("OAuth HTTP client", e))
}

/// The cookie that binds a sign-in's `state` to the browser that started it: it holds the
/// state's hash, and the callback compares it, so a callback link planted in another
/// browser (login CSRF) is refused.
pub const STATE_COOKIE: &str = "sayembara_oauth";

/// The `Set-Cookie` value binding this browser to a started sign-in (`binding` from
/// [`begin`]); an empty `binding` clears it.
pub fn state_cookie(binding: &str, secure: bool) -> String {
    let max_age = if binding.is_empty() {
        0
    } else {
        STATE_LIFETIME.num_seconds()
    };
    format!(
        "{STATE_COOKIE}={binding}; Path=/masuk/oauth; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Whether the browser's binding cookie names this state.
pub fn bound_to_browser(cookie_binding: Option<&str>, state: &str) -> bool {
    cookie_binding.is_some_and(|binding| binding == token_hash(state))
}

/// Starts a sign-in: stores the state and PKCE verifier; returns the provider's URL and
/// the binding for [`state_cookie`].
pub async fn begin(
    db: &DatabaseConnection,
    settings: &OAuthSettings,
    public_url: &str,
    lang: Lang,
    next: &str,
) -> Result<(String, String), AppError> {
    let client = BasicClient::new(ClientId::new(settings.client_id.clone()))
        .set_auth_uri(
            AuthUrl::new(settings.authorize_url.clone())
                .map_err(|e| AppError::internal("OAuth authorize URL", e))?,
        )
        .set_redirect_uri(
            RedirectUrl::new(format!("{public_url}{CALLBACK_PATH}"))
                .map_err(|e| AppError::internal("OAuth redirect URL", e))?,
        );
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(CsrfToken::new_random)
        .set_pkce_challenge(challenge);
    for scope in &settings.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, state) = request.url();
    let binding = token_hash(state.secret());
    oauth_state::ActiveModel {
        id: Set(binding.clone()),
        pkce_verifier: Set(verifier.secret().clone()),
        lang: Set(lang.code().to_string()),
        // A way back longer than the column is dropped, not the sign-in.
        next: Set(Some(crate::site::paths::local_path(
            Some(next).filter(|n| n.len() <= 2000),
        ))),
        expires_at: Set(Utc::now() + STATE_LIFETIME),
    }
    .insert(db)
    .await?;
    Ok((url.to_string(), binding))
}

#[derive(Deserialize)]
struct UserInfo {
    email: Option<String>,
    email_verified: Option<bool>,
    name: Option<String>,
}

/// A finished sign-in: the new session's token and where the person was going.
pub struct SignedIn {
    pub session: String,
    /// A local path (`/` when the sign-in started from nowhere in particular).
    pub next: String,
}

/// Finishes a sign-in: checks the state (once), exchanges the code with the PKCE
/// verifier, reads the user's details and opens a session for the linked account.
pub async fn finish(
    db: &DatabaseConnection,
    settings: &OAuthSettings,
    public_url: &str,
    code: &str,
    state: &str,
) -> Result<SignedIn, AppError> {
    let pending = oauth_state::Entity::find_by_id(token_hash(state))
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)?;
    // Single use, whatever happens next.
    oauth_state::Entity::delete_by_id(pending.id.clone())
        .exec(db)
        .await?;
    if pending.expires_at <= Utc::now() {
        return Err(AppError::Forbidden);
    }

    let mut client = BasicClient::new(ClientId::new(settings.client_id.clone()))
        .set_token_uri(
            TokenUrl::new(settings.token_url.clone())
                .map_err(|e| AppError::internal("OAuth token URL", e))?,
        )
        .set_redirect_uri(
            RedirectUrl::new(format!("{public_url}{CALLBACK_PATH}"))
                .map_err(|e| AppError::internal("OAuth redirect URL", e))?,
        );
    if let Some(secret) = &settings.client_secret {
        client = client.set_client_secret(ClientSecret::new(secret.clone()));
    }
    let http = http_client()?;
    let token = client
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
        .request_async(&http)
        .await
        .map_err(|e| AppError::internal("OAuth code exchange", e))?;
    let body = http
        .get(&settings.userinfo_url)
        .bearer_auth(token.access_token().secret())
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| AppError::internal("OAuth userinfo", e))?
        .bytes()
        .await
        .map_err(|e| AppError::internal("OAuth userinfo body", e))?;
    let info: UserInfo =
        serde_json::from_slice(&body).map_err(|e| AppError::internal("OAuth userinfo JSON", e))?;

    // Only an address the provider vouches for can sign in to (or create) an account.
    let email = match (info.email, info.email_verified) {
        (Some(email), Some(true)) => {
            super::domain::Email::parse(&email).map_err(|_| AppError::Forbidden)?
        }
        _ => return Err(AppError::Forbidden),
    };
    let existing = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    let user_id = match existing {
        Some(user) if user.email_verified_at.is_none() => {
            // Anyone could have signed up with this address and a password of their own
            // (and be signed in). The provider proves the address is this person's, so the
            // account becomes theirs alone: verified, its unproven password dropped, every
            // session ended.
            let txn = crate::db::begin_write(db).await?;
            let mut row: user_account::ActiveModel = user.clone().into();
            row.email_verified_at = Set(Some(Utc::now()));
            row.password_hash = Set(None);
            row.updated_at = Set(Utc::now());
            row.update(&txn).await?;
            session::Entity::delete_many()
                .filter(session::Column::UserId.eq(user.id))
                .exec(&txn)
                .await?;
            txn.commit().await?;
            user.id
        }
        Some(user) => user.id,
        None => {
            let now = Utc::now();
            let name = info
                .name
                .and_then(|n| super::domain::PersonName::parse(&n).ok())
                .map(|n| n.as_str().to_string())
                .unwrap_or_else(|| email.as_str().to_string());
            let lang = Lang::parse(&pending.lang).unwrap_or_default();
            new_account(&email, &name, None, Some(now), lang)
                .insert(db)
                .await?
                .id
        }
    };
    Ok(SignedIn {
        session: open_session(db, user_id).await?,
        next: crate::site::paths::local_path(pending.next.as_deref()),
    })
}
