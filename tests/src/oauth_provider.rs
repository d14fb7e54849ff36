//! An OAuth2 authorization server on loopback for tests: authorization code with PKCE
//! (S256 checked at the token endpoint), client secret checked, and a userinfo endpoint.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Form, Json, Router,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::Deserialize;
use sha2::{Digest, Sha256};

pub const CLIENT_ID: &str = "sayembara-test";
pub const CLIENT_SECRET: &str = "rahasia-klien";

/// Who the provider says signs in.
#[derive(Clone, Debug)]
pub struct ProviderUser {
    pub email: String,
    pub email_verified: bool,
    pub name: String,
}

#[derive(Clone)]
struct Shared {
    user: Arc<Mutex<ProviderUser>>,
    /// code → (PKCE challenge, redirect URI)
    codes: Arc<Mutex<HashMap<String, (String, String)>>>,
    tokens: Arc<Mutex<HashMap<String, ProviderUser>>>,
}

pub struct OAuthProvider {
    pub base: String,
    shared: Shared,
}

impl OAuthProvider {
    pub async fn start(user: ProviderUser) -> OAuthProvider {
        let shared = Shared {
            user: Arc::new(Mutex::new(user)),
            codes: Arc::default(),
            tokens: Arc::default(),
        };
        let router = Router::new()
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/userinfo", get(userinfo))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        OAuthProvider { base, shared }
    }

    pub fn set_user(&self, user: ProviderUser) {
        *self.shared.user.lock().unwrap() = user;
    }

    pub fn settings(&self) -> app::accounts::oauth::OAuthSettings {
        app::accounts::oauth::OAuthSettings {
            name: "SSO Uji".to_string(),
            client_id: CLIENT_ID.to_string(),
            client_secret: Some(CLIENT_SECRET.to_string()),
            authorize_url: format!("{}/authorize", self.base),
            token_url: format!("{}/token", self.base),
            userinfo_url: format!("{}/userinfo", self.base),
            scopes: vec!["openid".into(), "email".into(), "profile".into()],
        }
    }
}

#[derive(Deserialize)]
struct AuthorizeQuery {
    response_type: String,
    client_id: String,
    redirect_uri: String,
    state: String,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

async fn authorize(State(shared): State<Shared>, Query(q): Query<AuthorizeQuery>) -> Response {
    if q.response_type != "code"
        || q.client_id != CLIENT_ID
        || q.code_challenge_method.as_deref() != Some("S256")
    {
        return (StatusCode::BAD_REQUEST, "bad authorization request").into_response();
    }
    let Some(challenge) = q.code_challenge else {
        return (StatusCode::BAD_REQUEST, "PKCE required").into_response();
    };
    let code = format!("code-{}", uuid::Uuid::new_v4().simple());
    shared
        .codes
        .lock()
        .unwrap()
        .insert(code.clone(), (challenge, q.redirect_uri.clone()));
    let location = format!("{}?code={}&state={}", q.redirect_uri, code, q.state);
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    redirect_uri: String,
    code_verifier: String,
}

async fn token(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    let invalid = |error: &str| {
        (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({ "error": error })),
        )
            .into_response()
    };
    if headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        != Some(expected.as_str())
    {
        return invalid("invalid_client");
    }
    let Some((challenge, redirect_uri)) = shared.codes.lock().unwrap().remove(&form.code) else {
        return invalid("invalid_grant");
    };
    let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(form.code_verifier.as_bytes()));
    if form.grant_type != "authorization_code"
        || computed != challenge
        || form.redirect_uri != redirect_uri
    {
        return invalid("invalid_grant");
    }
    let access = format!("at-{}", uuid::Uuid::new_v4().simple());
    let user = shared.user.lock().unwrap().clone();
    shared.tokens.lock().unwrap().insert(access.clone(), user);
    Json(serde_json::json!({ "access_token": access, "token_type": "bearer", "expires_in": 3600 }))
        .into_response()
}

async fn userinfo(State(shared): State<Shared>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    match shared.tokens.lock().unwrap().get(token) {
        Some(user) => Json(serde_json::json!({
            "sub": user.email,
            "email": user.email,
            "email_verified": user.email_verified,
            "name": user.name,
        }))
        .into_response(),
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}
