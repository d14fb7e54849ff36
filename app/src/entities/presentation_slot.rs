use sea_orm::entity::prelude::*;

use crate::competitions::Stage;

/// When and where a finalist presents in a judged stage: one per stage and proposal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "presentation_slot")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub stage: Stage,
    pub proposal_id: i32,
    pub starts_at: DateTimeUtc,
    pub minutes: i32,
    /// A room or a meeting link.
    pub place: String,
    pub set_by: Option<i32>,
    pub set_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
