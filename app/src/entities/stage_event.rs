use sea_orm::entity::prelude::*;

use crate::competitions::{Stage, StageAction};

/// An organizer started (`start`) or ended (`end`) a stage at `at` instead of `planned_at`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stage_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub stage: Stage,
    pub action: StageAction,
    pub planned_at: DateTimeUtc,
    pub at: DateTimeUtc,
    pub by_user_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user_account::Entity",
        from = "Column::ByUserId",
        to = "super::user_account::Column::Id"
    )]
    By,
}

impl Related<super::user_account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::By.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
