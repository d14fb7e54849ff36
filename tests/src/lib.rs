//! Helpers for black-box tests: start the real server on port 0 with a fresh database
//! and talk to it over HTTP with a cookie-keeping client.
use std::path::PathBuf;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

mod actions;
pub mod demo;
pub mod oauth_provider;
pub mod rows;
pub mod smtp;
pub use actions::PASSWORD;
use server::{Application, Settings};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// `TEST_POSTGRES_URL`, when the PostgreSQL runs are wanted.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

/// A fresh, empty database of the given kind, removed when dropped.
pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDatabase {
    pub async fn new(backend: Backend) -> TestDatabase {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = server::settings::sqlite_url(&dir.path().join("test.db"));
                TestDatabase {
                    url,
                    backend,
                    _dir: Some(dir),
                    pg_name: None,
                }
            }
            Backend::Postgres => {
                let admin_url = postgres_url().expect("TEST_POSTGRES_URL is set");
                let name = format!("sayembara_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("connecting to TEST_POSTGRES_URL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("creating a test database");
                admin.close().await.ok();
                TestDatabase {
                    url: with_database(&admin_url, &name),
                    backend,
                    // Files beside the database (uploads) get their own directory too.
                    _dir: Some(tempfile::tempdir().expect("temporary directory")),
                    pg_name: Some(name),
                }
            }
        }
    }

    /// The directory for files beside the database (uploads, …).
    pub fn data_dir(&self) -> PathBuf {
        self._dir
            .as_ref()
            .map(|d| d.path().to_path_buf())
            .unwrap_or_else(std::env::temp_dir)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (Some(name), Some(admin_url)) = (self.pg_name.take(), postgres_url()) else {
            return;
        };
        // Drop runs outside async; a short-lived runtime on its own thread does the clean-up.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let admin = Database::connect(&admin_url).await.ok()?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await
                    .ok()?;
                admin.close().await.ok()
            })
        })
        .join();
    }
}

/// The same server URL with another database name in its path.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{}", &base[..host_end], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// What a form post came to. A refusal (a rule said no, with the error the server named)
/// is never confused with a failure (an internal error or a status no form answers with).
#[derive(Debug)]
pub enum Outcome {
    /// Redirected on, to this path.
    Done(String),
    /// Sent back to the form with this error.
    Refused(app::error::AppError),
    /// The server failed: what it answered.
    Failed(String),
}

impl Outcome {
    pub fn is_done(&self) -> bool {
        matches!(self, Outcome::Done(_))
    }
}

/// The error leptos put in a redirect's `__err` parameter, decoded.
pub fn error_in(location: &str) -> Option<Result<app::error::AppError, String>> {
    let url = reqwest::Url::parse("http://test.invalid")
        .ok()?
        .join(location)
        .ok()?;
    let (_, raw) = url.query_pairs().find(|(k, _)| k == "__err")?;
    // server_fn puts the error there as URL-safe base64 of its JSON.
    use base64::Engine;
    let decoded = base64::engine::general_purpose::URL_SAFE
        .decode(raw.as_bytes())
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    Some(decoded.ok_or_else(|| raw.into_owned()))
}

/// The refusal a redirect carries. Panics when it carries none, or when it carries an
/// internal error: a failure is never taken for a refusal.
pub fn refusal(location: &str) -> app::error::AppError {
    match error_in(location) {
        Some(Ok(app::error::AppError::Internal)) => {
            panic!("expected a refusal, got an internal error: {location}")
        }
        Some(Ok(error)) => error,
        Some(Err(raw)) => panic!("expected a refusal, got an undecodable error {raw}"),
        None => panic!("expected a refusal, got none: {location}"),
    }
}

/// Panics, naming the error, when a redirect carries one.
pub fn assert_no_error(location: &str) {
    if let Some(error) = error_in(location) {
        panic!("expected no error, got {error:?} at {location}");
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    pub database: TestDatabase,
}

/// A client that behaves like one browser: its own cookie jar, redirects left to the test,
/// and a deadline, so a request that never finishes fails the test instead of hanging it.
fn browser_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("HTTP client")
}

impl TestApp {
    /// Starts the server on a fresh database of `backend`.
    pub async fn spawn(backend: Backend) -> TestApp {
        let database = TestDatabase::new(backend).await;
        Self::spawn_on(database).await
    }

    /// Starts the server on an existing database (for restart tests).
    pub async fn spawn_on(database: TestDatabase) -> TestApp {
        Self::spawn_with(database, |_| {}).await
    }

    /// Starts the server on `database` with test settings changed by `adjust`.
    pub async fn spawn_with(database: TestDatabase, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = Settings::for_test(database.url.clone(), database.data_dir());
        adjust(&mut settings);
        let app = Application::build(settings)
            .await
            .expect("the application builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        tokio::spawn(app.run_until_stopped());
        let client = browser_client();
        TestApp {
            address,
            client,
            db,
            database,
        }
    }

    /// Another instance of the server on the same database, as behind a load balancer;
    /// returns its base address.
    pub async fn another_instance(&self) -> String {
        let settings = Settings::for_test(self.database.url.clone(), self.database.data_dir());
        let app = Application::build(settings)
            .await
            .expect("the second instance builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        address
    }

    /// The same, with the demo competition seeded.
    pub async fn spawn_with_demo(backend: Backend) -> TestApp {
        let app = Self::spawn(backend).await;
        app::demo::seed(&app.db).await.expect("seeding the demo");
        app
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// GET and return the status and the body.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// Submits a form the way a browser without JavaScript does: from `page`, wanting HTML.
    pub async fn submit(
        &self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(self.url(action))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", self.url(page))
            .header("origin", &self.address)
            .form(fields)
            .send()
            .await
            .expect("form submitted")
    }

    /// Where a response redirects to, relative to this server.
    pub fn location(&self, response: &reqwest::Response) -> String {
        let location = response
            .headers()
            .get("location")
            .expect("a redirect")
            .to_str()
            .unwrap();
        location
            .strip_prefix(&self.address)
            .unwrap_or(location)
            .to_string()
    }

    /// What a form post came to (see [`Outcome`]).
    pub fn outcome(&self, response: &reqwest::Response) -> Outcome {
        let status = response.status();
        if !status.is_redirection() {
            return Outcome::Failed(format!("status {status} without a redirect"));
        }
        let location = self.location(response);
        match error_in(&location) {
            None => Outcome::Done(location),
            Some(Ok(app::error::AppError::Internal)) => {
                Outcome::Failed("internal error (see the server log)".to_string())
            }
            Some(Ok(error)) => Outcome::Refused(error),
            Some(Err(raw)) => Outcome::Failed(format!("undecodable error {raw}")),
        }
    }

    /// Submits a form that must succeed; the path it leads to. Panics with what went
    /// wrong (the refusal or the failure) otherwise.
    pub async fn done(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> String {
        let response = self.submit(page, action, fields).await;
        match self.outcome(&response) {
            Outcome::Done(location) => location,
            other => panic!("POST {action} {fields:?}: expected done, got {other:?}"),
        }
    }

    /// The path a post that must have succeeded leads to (for the methods of one action,
    /// which return the response). Panics with the refusal or the failure otherwise.
    pub fn expect_done(&self, response: &reqwest::Response) -> String {
        match self.outcome(response) {
            Outcome::Done(location) => location,
            other => panic!("POST {}: expected done, got {other:?}", response.url()),
        }
    }

    /// The page a form's redirect leads to (its location and body).
    pub async fn follow(&self, response: &reqwest::Response) -> (String, String) {
        let location = self.location(response);
        let (_, body) = self.page(&location).await;
        (location, body)
    }

    /// A new browser signed in as a platform admin.
    pub async fn admin_browser(&self, email: &str) -> TestApp {
        let browser = self.person("Admin Pusat", email).await;
        self.make_admin(email).await;
        browser
    }

    /// Marks the account with this address as a platform admin.
    pub async fn make_admin(&self, email: &str) {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        app::entities::user_account::Entity::update_many()
            .col_expr(
                app::entities::user_account::Column::IsAdmin,
                sea_orm::sea_query::Expr::value(true),
            )
            .filter(app::entities::user_account::Column::Email.eq(email))
            .exec(&self.db)
            .await
            .expect("admin flag set");
    }

    /// Gives the account with this address a role in the competition with this slug.
    pub async fn give_role(&self, email: &str, slug: &str, role: app::authz::Role) {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let user = app::entities::user_account::Entity::find()
            .filter(app::entities::user_account::Column::Email.eq(email))
            .one(&self.db)
            .await
            .unwrap()
            .expect("the account exists");
        let competition = app::entities::competition::Entity::find()
            .filter(app::entities::competition::Column::Slug.eq(slug))
            .one(&self.db)
            .await
            .unwrap()
            .expect("the competition exists");
        app::authz::record::assign(&self.db, competition.id, user.id, role, None, "test")
            .await
            .expect("role given");
    }

    /// A new browser signed in to a new, verified account that has `role` in the
    /// competition with this slug.
    pub async fn person_with_role(
        &self,
        name: &str,
        email: &str,
        slug: &str,
        role: app::authz::Role,
    ) -> TestApp {
        let browser = self.person(name, email).await;
        self.give_role(email, slug, role).await;
        browser
    }

    /// A second browser: a new cookie jar on the same server.
    pub fn new_browser(&self) -> TestApp {
        TestApp {
            address: self.address.clone(),
            client: browser_client(),
            db: self.db.clone(),
            database: TestDatabase {
                url: self.database.url.clone(),
                backend: self.database.backend,
                _dir: None,
                pg_name: None,
            },
        }
    }

    /// The newest mail sent to `recipient`, from the outbox.
    pub async fn last_mail_to(&self, recipient: &str) -> app::entities::mail_outbox::Model {
        app::mail::service::for_recipient(&self.db, recipient)
            .await
            .expect("outbox readable")
            .into_iter()
            .next()
            .expect("a mail was queued")
    }

    /// The first link to this site in a mail body, as a path.
    pub fn link_in(&self, body: &str) -> String {
        let start = body.find("http").expect("a link in the mail");
        let link = body[start..].split_whitespace().next().unwrap();
        let path_start = link.find("://").map(|i| i + 3).unwrap_or(0);
        let path = &link[path_start..];
        path[path.find('/').unwrap_or(path.len())..].to_string()
    }
}

/// Runs a test body against SQLite, and against PostgreSQL when `TEST_POSTGRES_URL`
/// is set: `both_databases!(name, async_fn_taking_backend);` makes the tests
/// `name::sqlite` and `name::postgres`; `both_databases!(async_fn_taking_backend);` names
/// them after the function (a module and a function may share a name).
#[macro_export]
macro_rules! both_databases {
    ($body:ident) => {
        $crate::both_databases!($body, $body);
    };
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$body($crate::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::postgres_url().is_none() {
                    assert!(
                        std::env::var_os("SAYEMBARA_REQUIRE_POSTGRES").is_none(),
                        "SAYEMBARA_REQUIRE_POSTGRES is set but TEST_POSTGRES_URL is not"
                    );
                    eprintln!("PostgreSQL run skipped: TEST_POSTGRES_URL is not set");
                    return;
                }
                super::$body($crate::Backend::Postgres).await;
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_is_replaced_in_a_server_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/test?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
