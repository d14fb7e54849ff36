use sea_orm::entity::prelude::*;

/// One criterion's score on a sheet; unique per sheet and criterion.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub sheet_id: i32,
    pub criterion_id: i32,
    pub score: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
