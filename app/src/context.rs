//! Server-only. What every request carries into components and server functions: the
//! database, site settings, the language negotiated from the request and the session token.
use leptos::prelude::*;

use crate::accounts::{service as accounts, session::SESSION_COOKIE, CurrentUser};
use crate::cookies::cookie_value;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};

/// Site-wide settings the application needs at request time.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// The address people reach the site at, for links in mail (`SAYEMBARA_PUBLIC_URL`).
    pub public_url: String,
    /// Whether to take the client's address from `X-Forwarded-For` (behind a trusted
    /// load balancer, `SAYEMBARA_TRUST_PROXY=1`) instead of the connection.
    pub trust_proxy: bool,
    /// The OAuth2 provider's display name, when one is configured.
    pub oauth_name: Option<String>,
    /// `SAYEMBARA_ADMIN_EMAILS`: promoted once their address is verified.
    pub admin_emails: Vec<String>,
}

impl SiteConfig {
    /// Cookies get `Secure` when the site is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// Provides the per-request context. Called by the server for page renders and
/// server-function calls alike, after the request's `Parts` are in context.
pub fn provide_request_context(db: sea_orm::DatabaseConnection, config: SiteConfig) {
    provide_context(db);
    provide_context(config.clone());
    let parts = use_context::<http::request::Parts>();
    // The scripts' nonce is the one the security-headers middleware chose for this request
    // and names in the page's Content-Security-Policy (see `crate::PageNonce`).
    if let Some(nonce) = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<crate::PageNonce>())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
    }
    let header = |name| {
        parts
            .as_ref()
            .and_then(|p| p.headers.get(name))
            .and_then(|v: &http::HeaderValue| v.to_str().ok())
    };
    let lang = Lang::negotiate(
        header(http::header::COOKIE),
        header(http::header::ACCEPT_LANGUAGE),
    );
    provide_context(lang);
    let session = header(http::header::COOKIE)
        .and_then(|c| cookie_value(c, SESSION_COOKIE))
        .filter(|t| !t.is_empty())
        .map(|t| SessionToken(t.to_string()));
    provide_context(session);
    let device = header(http::header::COOKIE)
        .and_then(|c| cookie_value(c, crate::accounts::session::DEVICE_COOKIE))
        .filter(|t| !t.is_empty())
        .map(|t| DeviceToken(t.to_string()));
    provide_context(device);
    let forwarded = config
        .trust_proxy
        .then(|| header(http::header::HeaderName::from_static("x-forwarded-for")))
        .flatten()
        // The proxy appends the address it saw; what comes before is the client's to say.
        .and_then(|v| v.rsplit(',').next())
        .map(|v| v.trim().to_string());
    let peer = parts
        .as_ref()
        .and_then(|p| {
            p.extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        })
        .map(|info| info.0.ip().to_string());
    provide_context(ClientAddress(
        forwarded.or(peer).unwrap_or_else(|| "unknown".to_string()),
    ));
}

/// The client's IP address, for per-address limits.
#[derive(Clone, Debug)]
pub struct ClientAddress(pub String);

/// The raw session token from the request's cookie, if any.
#[derive(Clone, Debug)]
pub struct SessionToken(pub String);

/// The raw known-device token from the request's cookie, if any.
#[derive(Clone, Debug)]
pub struct DeviceToken(pub String);

pub struct RequestContext {
    pub db: sea_orm::DatabaseConnection,
    pub config: SiteConfig,
    pub lang: Lang,
    pub session: Option<SessionToken>,
    pub device: Option<DeviceToken>,
    pub client: String,
}

impl RequestContext {
    pub fn get() -> Result<Self, AppError> {
        let missing = |what| AppError::internal("request context", format!("no {what} in context"));
        Ok(RequestContext {
            db: use_context::<sea_orm::DatabaseConnection>().ok_or_else(|| missing("database"))?,
            config: use_context::<SiteConfig>().ok_or_else(|| missing("site config"))?,
            lang: use_lang(),
            session: use_context::<Option<SessionToken>>().flatten(),
            device: use_context::<Option<DeviceToken>>().flatten(),
            client: use_context::<ClientAddress>()
                .map(|c| c.0)
                .unwrap_or_else(|| "unknown".to_string()),
        })
    }

    /// The signed-in user, if the request carries a live session.
    pub async fn current_user(&self) -> Result<Option<CurrentUser>, AppError> {
        match &self.session {
            Some(token) => accounts::user_for_session(&self.db, &token.0).await,
            None => Ok(None),
        }
    }

    /// The signed-in user, or `Unauthorized`.
    pub async fn require_user(&self) -> Result<CurrentUser, AppError> {
        self.current_user().await?.ok_or(AppError::Unauthorized)
    }

    /// Adds a `Set-Cookie` header to the response.
    pub fn set_cookie(&self, cookie: String) -> Result<(), AppError> {
        let response = use_context::<leptos_axum::ResponseOptions>()
            .ok_or_else(|| AppError::internal("request context", "no response options"))?;
        let value = http::HeaderValue::from_str(&cookie)
            .map_err(|e| AppError::internal("cookie header", e))?;
        response.append_header(http::header::SET_COOKIE, value);
        Ok(())
    }
}
