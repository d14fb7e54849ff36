//! The ways to start a transaction. Rule (ARCHITECTURE.md, "Writing"): every
//! transaction in the product begins with [`begin_write`], or [`begin_snapshot`] when it
//! only reads; `db.begin()` is never called directly (a test below reads the sources to
//! keep it so).
//!
//! Why: SQLite begins a plain `BEGIN` as a reader. A transaction that reads and then
//! writes must upgrade its lock, and when another connection committed in between (the
//! mail worker, another request) the upgrade fails at once with `SQLITE_BUSY`: the busy
//! timeout cannot help, because waiting would not make the stale snapshot fresh.
//! `BEGIN IMMEDIATE` takes the write lock first, so a busy database makes the writer
//! wait in SQLite's busy handler (bounded by the connection's busy timeout) and never
//! fail. Readers are not affected: in WAL mode they never wait for a writer.
//! PostgreSQL ignores the SQLite mode and keeps its row locks and `READ COMMITTED`.
use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

/// Starts a transaction that may write: `BEGIN IMMEDIATE` on SQLite.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Starts a transaction that only reads, all from one moment: a check that reads many
/// tables (a frozen result's) sees them consistent. Repeatable read, read only, on
/// PostgreSQL; a plain `BEGIN` on SQLite, whose readers see one snapshot and never
/// upgrade, so the reason for [`begin_write`] does not arise.
pub async fn begin_snapshot(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    use sea_orm::{AccessMode, DbBackend, IsolationLevel};
    match db.get_database_backend() {
        DbBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await
        }
        _ => db.begin().await,
    }
}

#[cfg(test)]
mod tests {
    /// Every `.rs` file under `src/`, with its path.
    fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("source directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source file");
                out.push((path.display().to_string(), text));
            }
        }
    }

    #[test]
    fn every_transaction_begins_through_begin_write() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&root, &mut files);
        let forbidden = [
            ".begin()",
            ".begin_with_config(",
            ".begin_with_options(",
            ".transaction(",
            ".transaction::<",
            ".transaction_with_config(",
        ];
        let offenders: Vec<String> = files
            .iter()
            .filter(|(path, _)| !path.ends_with("src/db.rs"))
            .flat_map(|(path, text)| {
                text.lines()
                    .enumerate()
                    .filter(|(_, line)| forbidden.iter().any(|f| line.contains(f)))
                    .map(move |(n, line)| format!("{path}:{}: {}", n + 1, line.trim()))
            })
            .collect();
        assert!(
            offenders.is_empty(),
            "start transactions with crate::db::begin_write:\n{}",
            offenders.join("\n")
        );
    }
}
