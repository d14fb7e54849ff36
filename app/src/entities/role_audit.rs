use sea_orm::entity::prelude::*;

use crate::authz::Role;

/// One grant or revocation of a role: who, what, by whom, when. Never updated.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_audit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub user_id: i32,
    pub role: Role,
    pub action: String,
    pub by_user_id: Option<i32>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
