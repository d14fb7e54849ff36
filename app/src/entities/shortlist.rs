use sea_orm::entity::prelude::*;

use crate::competitions::Stage;

/// The best of one judged stage taken on to the next one (or to the final ranking): one per
/// stage it is taken from, which it closes. The proposals themselves are `stage_entry` rows
/// of `to_stage` (source `shortlist`); for the final, the frozen ranking's finalists.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shortlist")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub from_stage: Stage,
    /// The next judged stage, or `Results` for the finalists of the final ranking.
    pub to_stage: Stage,
    /// The places the organizer asked for ("Top 99").
    pub size: i32,
    /// `judging::shortlist_plan::quotas_code`.
    pub quotas: String,
    /// How many went on (fewer than `size` when fewer were ranked).
    pub taken: i32,
    pub decided_by: Option<i32>,
    pub decided_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
