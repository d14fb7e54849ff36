//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.
use std::time::Duration;

use anyhow::Context;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};

/// How long a SQLite writer waits for the write lock before the request fails.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Connects, creating the SQLite file's directory if needed, and applies every migration.
pub async fn connect_and_migrate(url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_path(url) {
        if let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the data directory {}", dir.display()))?;
        }
    }
    let mut options = ConnectOptions::new(url.to_string());
    options
        .max_connections(if url.starts_with("sqlite") { 8 } else { 20 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        // Longer than the busy timeout: on SQLite a writer waiting for the lock holds its
        // connection, and a request queued behind it must not give up first.
        .acquire_timeout(SQLITE_BUSY_TIMEOUT + Duration::from_secs(5))
        // Connections a burst opened close again once it is over: each SQLite connection
        // holds its own page cache, and memory should return to idle within a minute.
        .idle_timeout(Duration::from_secs(20))
        .sqlx_logging(false)
        // A writer waiting for SQLite's write lock (`BEGIN IMMEDIATE`, see `app::db`) waits
        // this long at most; the rule makes every write wait there instead of failing.
        .map_sqlx_sqlite_opts(|o| o.busy_timeout(SQLITE_BUSY_TIMEOUT));
    let db = Database::connect(options)
        .await
        .with_context(|| format!("connecting to {}", redact(url)))?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // WAL lets readers go on while one writer writes; foreign keys are per connection
        // in SQLite and sqlx turns them on for each, checked here once.
        db.execute_unprepared("PRAGMA journal_mode=WAL;")
            .await
            .context("switching SQLite to WAL")?;
        db.execute_unprepared("PRAGMA foreign_keys=ON;")
            .await
            .context("enabling foreign keys")?;
    }
    Migrator::up(&db, None)
        .await
        .context("applying migrations")?;
    Ok(db)
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// The URL without its password, for logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}:***@{}", &url[..scheme], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths_are_read_from_urls() {
        assert_eq!(
            sqlite_path("sqlite://data/s.db?mode=rwc"),
            Some("data/s.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://u@h/db"), None);
    }

    #[test]
    fn passwords_are_not_logged() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/s"),
            "postgres://app:***@db:5432/s"
        );
        assert_eq!(redact("sqlite://data/s.db"), "sqlite://data/s.db");
    }
}
