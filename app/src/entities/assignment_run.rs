use sea_orm::entity::prelude::*;

use crate::competitions::Stage;
/// One run of the assignment planner: its inputs' SHA-256 and what it did.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignment_run")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub stage: Stage,
    pub seed: i64,
    pub k: i32,
    pub max_load: i32,
    pub fingerprint: String,
    pub added: i32,
    pub short: i32,
    pub run_by: Option<i32>,
    pub run_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
