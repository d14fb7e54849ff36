use sea_orm::entity::prelude::*;

/// One change to a person's affiliation (append-only): who, when, before, after.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "affiliation_audit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    pub user_id: i32,
    pub action: String,
    pub before_status: Option<String>,
    pub after_status: Option<String>,
    pub detail: Option<String>,
    pub by_user_id: Option<i32>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
