use sea_orm::entity::prelude::*;

use crate::competitions::Stage;
use crate::judging::EntrySource;
/// A proposal that goes on to a stage: unique per competition, stage and proposal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stage_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub stage: Stage,
    pub proposal_id: i32,
    pub source: EntrySource,
    pub added_by: Option<i32>,
    pub added_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
