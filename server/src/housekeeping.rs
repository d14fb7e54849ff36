//! Runs the clean-up of expired rows (`app::accounts::housekeeping`) and the stage
//! notices (`app::competitions::notices`: stages opened or closed, the day-ahead deadline
//! reminder) at start-up and every ten minutes, in each instance. Running in several
//! instances at once is safe: each notice is recorded once, with its mail.
use std::time::Duration;

use sea_orm::DatabaseConnection;

const EVERY: Duration = Duration::from_secs(600);

/// `public_url` is the site's address, for the links in the mails.
pub fn spawn(db: DatabaseConnection, public_url: String) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match app::accounts::housekeeping::purge_expired(&db).await {
                Ok(purged) => tracing::debug!(?purged, "expired rows purged"),
                Err(_) if db.ping().await.is_err() => break,
                Err(err) => tracing::warn!(error = %err, "housekeeping round failed"),
            }
            match app::competitions::notices::send_due(&db, &public_url).await {
                Ok(queued) => tracing::debug!(queued, "stage notices queued"),
                Err(_) if db.ping().await.is_err() => break,
                Err(err) => tracing::warn!(error = %err, "stage notices round failed"),
            }
        }
    });
}
