use sea_orm::entity::prelude::*;

use crate::judging::ConflictKind;
/// A conflict of interest declared by a juror, added or lifted by an organizer, with the
/// reason. Never changed: the newest row per juror and proposal stands.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "juror_conflict")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub juror_id: i32,
    pub proposal_id: i32,
    pub kind: ConflictKind,
    pub reason: String,
    /// For a lift: the reasons it lifted (`ConflictReason` codes, comma-separated); a
    /// reason that arises later still stands.
    pub lifted_reasons: String,
    pub decided_by: Option<i32>,
    pub decided_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
