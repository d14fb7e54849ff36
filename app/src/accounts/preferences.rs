//! What a person asks to be mailed. Reminders (a stage of their competition opening or
//! closing, the day-ahead deadline reminder: `competitions::notices`) can be turned off;
//! decisions about them (a role, a submitted proposal, an eligibility decision) cannot.
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::entities::user_account;
use crate::error::AppError;

/// Turns the person's reminders on or off.
#[tracing::instrument(skip(db))]
pub async fn set_reminders(
    db: &DatabaseConnection,
    user_id: i32,
    on: bool,
) -> Result<(), AppError> {
    let changed = user_account::Entity::update_many()
        .col_expr(user_account::Column::Reminders, Expr::value(on))
        .col_expr(user_account::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user_account::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
