use sea_orm::entity::prelude::*;

use crate::competitions::Stage;
use crate::judging::SheetState;

/// A juror's scores for one assignment: a draft they keep saving (`version` guards each
/// save), then submitted and locked; only an organizer reopens it, on the record.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_sheet")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub stage: Stage,
    pub assignment_id: i32,
    pub proposal_id: i32,
    pub juror_id: i32,
    pub state: SheetState,
    pub version: i32,
    pub comment_team: String,
    pub comment_panel: String,
    /// The weighted total on a 0–100 scale in milli-points, set when submitted.
    pub total_milli: Option<i64>,
    pub submitted_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
