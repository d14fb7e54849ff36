use sea_orm::entity::prelude::*;

use crate::competitions::Stage;
use crate::judging::AssignmentSource;
/// A juror judging a proposal in a stage. Removing one keeps the row (inactive); unique per
/// competition, stage, proposal and juror.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub stage: Stage,
    pub proposal_id: i32,
    pub juror_id: i32,
    pub active: bool,
    pub source: AssignmentSource,
    pub run_id: Option<i32>,
    pub changed_by: Option<i32>,
    pub changed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
