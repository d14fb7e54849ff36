use sea_orm::entity::prelude::*;

/// The head of a competition's judging record: its last sequence number and hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "judging_chain")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub competition_id: i32,
    pub seq: i32,
    pub head: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
