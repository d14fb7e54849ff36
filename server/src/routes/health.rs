//! `GET /healthz`: is this instance able to serve? Checks the database.
use axum::{extract::State, http::StatusCode, response::IntoResponse, Json};
use sea_orm::DatabaseConnection;
use serde_json::json;

pub async fn healthz(State(db): State<DatabaseConnection>) -> impl IntoResponse {
    let backend = format!("{:?}", db.get_database_backend()).to_lowercase();
    match db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "ok", "backend": backend })),
        ),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(
                    json!({ "status": "unavailable", "database": "unreachable", "backend": backend }),
                ),
            )
        }
    }
}
