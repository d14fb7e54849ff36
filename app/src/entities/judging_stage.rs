use sea_orm::entity::prelude::*;

use crate::competitions::Stage;
use crate::judging::{PeerVisibility, RankBy};
/// A judged (or selection) stage's standing: when it was closed, and by whom.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "judging_stage")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub stage: Stage,
    pub closed_at: Option<DateTimeUtc>,
    pub closed_by: Option<i32>,
    /// Jurors read proposals without team, agency and region.
    pub blind: bool,
    pub peer_visibility: PeerVisibility,
    /// The criterion whose mean breaks a tie first (then earlier submission).
    pub tie_criterion_id: Option<i32>,
    /// Jurors with fewer submitted sheets are not normalised (their raw totals count).
    pub min_sample: i32,
    /// A proposal whose jurors' totals spread more (standard deviation, milli-points) is
    /// flagged.
    pub divergence_milli: i64,
    pub rank_by: RankBy,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
