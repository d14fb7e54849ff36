use sea_orm::entity::prelude::*;

/// Values a form sent back with problems, kept for their owner (see `site::stash`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_stash")]
pub struct Model {
    /// SHA-256 of the token the error carries.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: i32,
    /// The values as JSON (field → text).
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
