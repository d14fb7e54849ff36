//! Runs the clean-up of expired rows (`app::accounts::housekeeping`) at start-up and
//! every ten minutes, in each instance.
use std::time::Duration;

use sea_orm::DatabaseConnection;

const EVERY: Duration = Duration::from_secs(600);

pub fn spawn(db: DatabaseConnection) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match app::accounts::housekeeping::purge_expired(&db).await {
                Ok(purged) => tracing::debug!(?purged, "expired rows purged"),
                Err(_) if db.ping().await.is_err() => break,
                Err(err) => tracing::warn!(error = %err, "housekeeping round failed"),
            }
        }
    });
}
