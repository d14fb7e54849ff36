use sea_orm::entity::prelude::*;

use crate::authz::Role;

/// A person's role in one competition.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competition_role")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub user_id: i32,
    pub role: Role,
    pub granted_by: Option<i32>,
    pub granted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
