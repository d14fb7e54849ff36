use sea_orm::entity::prelude::*;

/// A prize a competition awards, in the organizer's order.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "prize")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub position: i32,
    pub name_id: String,
    pub name_en: String,
    /// What the winner receives, as the organizer wrote it (an amount, a programme).
    pub reward: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
