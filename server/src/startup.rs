//! Building the application: database, reference and demo data, routes, listener.
use std::{net::SocketAddr, path::Path, sync::OnceLock, time::Duration};

use anyhow::Context;
use app::{
    context::{provide_request_context, SiteConfig},
    mail::service::Transport,
    shell, App,
};
use axum::{extract::FromRef, http::HeaderValue, routing::get, Router};
use leptos::prelude::LeptosOptions;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use crate::{db, routes, Settings};

/// What every handler can reach. Holds no per-user state: sessions and uploads live in
/// the database and shared storage, so instances behind a load balancer are alike.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub site: SiteConfig,
    pub oauth: Option<app::accounts::oauth::OAuthSettings>,
    pub uploads: app::proposals::attachments::Uploads,
}

pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    router: Router,
    db: DatabaseConnection,
    demo_accounts: Vec<app::demo::DemoAccount>,
}

/// cargo-leptos writes `hash.txt` beside the server binary when it fingerprints assets.
fn assets_are_hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|file| file.exists())
}

fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("sayembara")
        .site_root(settings.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(settings.addr)
        .hash_files(assets_are_hashed())
        .build()
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let db = db::connect_and_migrate(&settings.database_url).await?;
        app::regions::service::load_reference_data(&db)
            .await
            .context("loading the region list")?;
        let mut demo_accounts = Vec::new();
        if settings.seed_demo {
            app::demo::seed(&db).await.context("seeding the demo")?;
            app::demo::judged::seed(&db)
                .await
                .context("seeding the finished demo competition")?;
            // Accounts with known passwords only where nobody else can reach them.
            let local_only = settings.addr.ip().is_loopback()
                && !settings.trust_proxy
                && (settings.public_url.starts_with("http://127.0.0.1")
                    || settings.public_url.starts_with("http://localhost"));
            if local_only {
                demo_accounts = app::demo::seed_accounts(&db)
                    .await
                    .context("seeding the demo accounts")?;
            }
        }
        app::authz::roles::promote_admins(&db, &settings.admin_emails)
            .await
            .context("promoting admins")?;
        let leptos_options = leptos_options(&settings);
        let site = SiteConfig {
            public_url: settings.public_url.clone(),
            trust_proxy: settings.trust_proxy,
            oauth_name: settings.oauth.as_ref().map(|o| o.name.clone()),
            admin_emails: settings.admin_emails.clone(),
        };
        let state = AppState {
            leptos_options,
            db: db.clone(),
            site,
            oauth: settings.oauth.clone(),
            uploads: app::proposals::attachments::Uploads::local(&settings.uploads_dir)
                .map_err(|e| anyhow::anyhow!("uploads directory: {e:?}"))?,
        };
        let router = router(state, &settings.site_root);
        let transport = match &settings.smtp {
            Some(smtp) => {
                Transport::smtp(smtp).map_err(|e| anyhow::anyhow!("SMTP settings: {e}"))?
            }
            None => Transport::Log,
        };
        app::mail::service::requeue_interrupted(&db)
            .await
            .context("requeueing interrupted mail")?;
        crate::mail_worker::spawn(db.clone(), transport);
        crate::housekeeping::spawn(db.clone(), settings.public_url.clone());
        let listener = TcpListener::bind(settings.addr)
            .await
            .with_context(|| format!("binding {}", settings.addr))?;
        let address = listener.local_addr()?;
        Ok(Application {
            listener,
            address,
            router,
            db,
            demo_accounts,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The demo accounts made by this start (empty unless they were created just now).
    pub fn demo_accounts(&self) -> &[app::demo::DemoAccount] {
        &self.demo_accounts
    }

    /// The database this application uses (tests inspect and break it through this).
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Serves until SIGTERM or Ctrl-C, letting requests in flight finish.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        tracing::info!("stopped; closing the database");
        self.db.close().await?;
        Ok(())
    }
}

/// The app's routes, generated once per process. Generating them renders the app with
/// resource loading switched off by a process-wide flag in `leptos_server`; a page that
/// another server in the same process starts rendering at that moment waits forever
/// (leptos-rs/leptos#4773). Generated once, before any server of the process serves, the
/// window never overlaps a render (the tests start many servers in one process).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The routes served by plain axum handlers (the permission table has a row for each; a
/// unit test below checks this list against the router).
pub const PLAIN_ROUTES: [&str; 17] = [
    "/healthz",
    "/bahasa/{code}",
    "/masuk/oauth",
    app::accounts::oauth::CALLBACK_PATH,
    "/kelola/{slug}/peserta.csv",
    "/tim/{team}/proposal/lampiran",
    "/tim/{team}/proposal/lampiran/{attachment}",
    "/tim/{team}/proposal/lampiran/{attachment}/hapus",
    // The sign-up form's POST; its GET is the Leptos page, added to the same path below.
    app::accounts::pages::SIGN_UP_PATH,
    "/kelola/{slug}/catatan-penilaian.csv",
    "/kelola/{slug}/penilaian/{stage}/hasil.csv",
    "/kelola/{slug}/catatan-penilaian.xlsx",
    "/kelola/{slug}/penilaian/{stage}/hasil.xlsx",
    "/kelola/{slug}/penilaian/{stage}/nilai.csv",
    "/kelola/{slug}/penilaian/{stage}/nilai.xlsx",
    "/kelola/{slug}/hasil-akhir.csv",
    "/kelola/{slug}/hasil-akhir.xlsx",
];

/// The paths of the app's pages, as axum patterns (`/tim/{id}`).
pub fn page_paths() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_string()).collect()
}

fn router(state: AppState, site_root: &Path) -> Router {
    let routes = route_list();
    let context = {
        let (db, site) = (state.db.clone(), state.site.clone());
        move || provide_request_context(db.clone(), site.clone())
    };
    let page_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let cache_control = if state.leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let assets = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            http::header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        ))
        .service(
            ServeDir::new(site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        );

    Router::new()
        .route(PLAIN_ROUTES[0], get(routes::health::healthz))
        .route(PLAIN_ROUTES[1], get(routes::language::switch))
        .route(PLAIN_ROUTES[2], get(routes::oauth::begin))
        .route(PLAIN_ROUTES[3], get(routes::oauth::callback))
        .route(PLAIN_ROUTES[4], get(routes::dashboard::csv))
        .route(
            PLAIN_ROUTES[5],
            axum::routing::post(routes::attachments::upload)
                .layer(axum::extract::DefaultBodyLimit::max(routes::attachments::BODY_LIMIT)),
        )
        .route(PLAIN_ROUTES[6], get(routes::attachments::download))
        .route(PLAIN_ROUTES[7], axum::routing::post(routes::attachments::remove))
        .route(PLAIN_ROUTES[8], axum::routing::post(routes::sign_up::submit))
        .route(PLAIN_ROUTES[9], get(routes::judging::record_csv))
        .route(PLAIN_ROUTES[10], get(routes::judging::standings_csv))
        .route(PLAIN_ROUTES[11], get(routes::judging::record_xlsx))
        .route(PLAIN_ROUTES[12], get(routes::judging::standings_xlsx))
        .route(PLAIN_ROUTES[13], get(routes::judging::scores_csv))
        .route(PLAIN_ROUTES[14], get(routes::judging::scores_xlsx))
        .route(PLAIN_ROUTES[15], get(routes::judging::final_csv))
        .route(PLAIN_ROUTES[16], get(routes::judging::final_xlsx))
        .nest_service("/pkg", assets)
        .leptos_routes_with_context(&state, routes, context.clone(), page_shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(axum::middleware::from_fn(crate::server_fn_status::status_from_error))
        .layer(axum::middleware::from_fn(crate::csrf::same_origin_only))
        .layer(axum::middleware::from_fn(crate::malformed::refuse_nul))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|request: &http::Request<_>| {
                    let request_id =
                        request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    let uri = crate::telemetry::loggable_uri(request.uri());
                    tracing::info_span!("request", method = %request.method(), uri = %uri, request_id)
                }))
                .layer(PropagateRequestIdLayer::x_request_id())
                // Last line of defence: a panic answers 500 (and is logged) instead of
                // dropping the connection. Tests assert that no request reaches it.
                .layer(CatchPanicLayer::new())
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    crate::headers::security_headers,
                ))
                .layer(CompressionLayer::new()),
        )
        .with_state(state)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
    // Bound the wait so a stuck connection cannot hold a deploy forever.
    tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(20)).await;
        tracing::warn!("requests still running after 20 s; exiting");
        std::process::exit(0);
    });
}

#[cfg(test)]
mod tests {
    /// Every `.route(` in the router names an entry of `PLAIN_ROUTES`, so the list (which
    /// the permission table checks itself against) is the router's.
    #[test]
    fn the_plain_route_list_is_the_routers() {
        let source = include_str!("startup.rs");
        let router: String = source[..source.find("#[cfg(test)]").unwrap()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let listed = router.matches(".route(PLAIN_ROUTES[").count();
        let all = router.matches(".route(").count();
        assert_eq!(listed, super::PLAIN_ROUTES.len());
        assert_eq!(all, listed, "a route was added without PLAIN_ROUTES");
    }
}
