//! Settings from environment variables, each with a documented default (README).
use std::{net::SocketAddr, path::PathBuf};

use anyhow::Context;
use app::accounts::oauth::OAuthSettings;
use app::mail::service::{SmtpSecurity, SmtpSettings};

#[derive(Clone, Debug)]
pub struct Settings {
    /// `SAYEMBARA_ADDR` (or cargo-leptos' `LEPTOS_SITE_ADDR`), default `127.0.0.1:3000`.
    pub addr: SocketAddr,
    /// `DATABASE_URL`, default a SQLite file in the data directory.
    pub database_url: String,
    /// `SAYEMBARA_DATA_DIR`, default `data`.
    pub data_dir: PathBuf,
    /// `SAYEMBARA_UPLOADS_DIR`, default `{data dir}/uploads`: where attachments are kept.
    /// Instances behind a load balancer must share it (or a bucket, see ARCHITECTURE.md).
    pub uploads_dir: PathBuf,
    /// `SAYEMBARA_LOG` (or `RUST_LOG`), default `info`.
    pub log_filter: String,
    /// `SAYEMBARA_LOG_FORMAT`: `text` (default) or `json`.
    pub log_json: bool,
    /// `SAYEMBARA_DEMO`: `0` turns off the demo seed on an empty database.
    pub seed_demo: bool,
    /// `LEPTOS_SITE_ROOT`, default `target/site`: where the built CSS, JS and WASM are.
    pub site_root: PathBuf,
    /// `SAYEMBARA_PUBLIC_URL`, default `http://{addr}`: the address in links sent by mail.
    /// An `https://` address also marks cookies `Secure`.
    pub public_url: String,
    /// `SAYEMBARA_TRUST_PROXY=1`: take client addresses from `X-Forwarded-For`.
    pub trust_proxy: bool,
    /// `SAYEMBARA_SMTP_HOST` and friends; without a host, mail is logged and kept.
    pub smtp: Option<SmtpSettings>,
    /// `SAYEMBARA_ADMIN_EMAILS`: comma-separated addresses whose accounts are made
    /// platform admins at start-up.
    pub admin_emails: Vec<String>,
    /// `SAYEMBARA_OAUTH_*`: one OAuth2 / OpenID Connect provider for sign-in.
    pub oauth: Option<OAuthSettings>,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Settings> {
        let addr = var("SAYEMBARA_ADDR")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_string());
        let data_dir =
            PathBuf::from(var("SAYEMBARA_DATA_DIR").unwrap_or_else(|| "data".to_string()));
        let database_url =
            var("DATABASE_URL").unwrap_or_else(|| sqlite_url(&data_dir.join("sayembara.db")));
        let public_url = var("SAYEMBARA_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}"));
        Ok(Settings {
            uploads_dir: var("SAYEMBARA_UPLOADS_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("uploads")),
            public_url: public_url.trim_end_matches('/').to_string(),
            trust_proxy: var("SAYEMBARA_TRUST_PROXY").is_some_and(|v| v == "1" || v == "true"),
            smtp: smtp_from_env()?,
            oauth: oauth_from_env()?,
            admin_emails: var("SAYEMBARA_ADMIN_EMAILS")
                .map(|v| {
                    v.split(',')
                        .map(|e| e.trim().to_string())
                        .filter(|e| !e.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            addr: addr
                .parse()
                .with_context(|| format!("SAYEMBARA_ADDR is not an address: {addr}"))?,
            database_url,
            data_dir,
            log_filter: var("SAYEMBARA_LOG")
                .or_else(|| var("RUST_LOG"))
                .unwrap_or_else(|| "info".to_string()),
            log_json: var("SAYEMBARA_LOG_FORMAT").is_some_and(|f| f == "json"),
            seed_demo: var("SAYEMBARA_DEMO").is_none_or(|v| v != "0" && v != "false"),
            site_root: PathBuf::from(
                var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_string()),
            ),
        })
    }

    /// Settings for a test: any free port on loopback, the given database, no demo.
    pub fn for_test(database_url: String, data_dir: PathBuf) -> Settings {
        Settings {
            addr: "127.0.0.1:0".parse().expect("valid address"),
            database_url,
            uploads_dir: data_dir.join("uploads"),
            data_dir,
            log_filter: "warn".to_string(),
            log_json: false,
            seed_demo: false,
            site_root: PathBuf::from("target/site"),
            public_url: "http://127.0.0.1".to_string(),
            trust_proxy: false,
            smtp: None,
            admin_emails: Vec::new(),
            oauth: None,
        }
    }
}

fn oauth_from_env() -> anyhow::Result<Option<OAuthSettings>> {
    let Some(client_id) = var("SAYEMBARA_OAUTH_CLIENT_ID") else {
        return Ok(None);
    };
    let required = |name: &str| {
        var(name).with_context(|| format!("{name} is needed with SAYEMBARA_OAUTH_CLIENT_ID"))
    };
    Ok(Some(OAuthSettings {
        name: var("SAYEMBARA_OAUTH_NAME").unwrap_or_else(|| "SSO".to_string()),
        client_id,
        client_secret: var("SAYEMBARA_OAUTH_CLIENT_SECRET"),
        authorize_url: required("SAYEMBARA_OAUTH_AUTHORIZE_URL")?,
        token_url: required("SAYEMBARA_OAUTH_TOKEN_URL")?,
        userinfo_url: required("SAYEMBARA_OAUTH_USERINFO_URL")?,
        scopes: var("SAYEMBARA_OAUTH_SCOPES")
            .unwrap_or_else(|| "openid email profile".to_string())
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    }))
}

fn smtp_from_env() -> anyhow::Result<Option<SmtpSettings>> {
    let Some(host) = var("SAYEMBARA_SMTP_HOST") else {
        return Ok(None);
    };
    let security = match var("SAYEMBARA_SMTP_SECURITY")
        .as_deref()
        .unwrap_or("starttls")
    {
        "none" => SmtpSecurity::None,
        "starttls" => SmtpSecurity::StartTls,
        "tls" => SmtpSecurity::Tls,
        other => {
            anyhow::bail!("SAYEMBARA_SMTP_SECURITY must be none, starttls or tls, not {other}")
        }
    };
    let default_port = match security {
        SmtpSecurity::None => 25,
        SmtpSecurity::StartTls => 587,
        SmtpSecurity::Tls => 465,
    };
    let port = match var("SAYEMBARA_SMTP_PORT") {
        Some(p) => p
            .parse()
            .with_context(|| format!("SAYEMBARA_SMTP_PORT is not a port: {p}"))?,
        None => default_port,
    };
    Ok(Some(SmtpSettings {
        host,
        port,
        security,
        username: var("SAYEMBARA_SMTP_USERNAME"),
        password: var("SAYEMBARA_SMTP_PASSWORD"),
        from: var("SAYEMBARA_SMTP_FROM")
            .unwrap_or_else(|| "Sayembara <noreply@localhost>".to_string()),
    }))
}

/// The SQLite URL for a file, created if missing.
pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}
