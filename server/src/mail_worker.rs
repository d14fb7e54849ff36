//! Delivers queued mail in the background. Each instance runs one; rows are claimed one
//! by one, so several instances share the work without sending a mail twice.
use std::time::Duration;

use app::mail::service::{deliver_pending, Transport};
use sea_orm::DatabaseConnection;

pub fn spawn(db: DatabaseConnection, transport: Transport) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            match deliver_pending(&db, &transport, 50).await {
                Ok(_) => {}
                // A closed pool means the application is stopping.
                Err(_) if db.ping().await.is_err() => break,
                Err(err) => tracing::warn!(error = %err, "mail delivery round failed"),
            }
        }
    });
}
