use sea_orm::entity::prelude::*;

/// One judging decision on the record, chained: `hash` is the SHA-256 over the row and
/// `prev_hash` (see `judging::audit`). Never changed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "judging_audit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub seq: i32,
    pub at: DateTimeUtc,
    pub actor_id: Option<i32>,
    pub kind: String,
    pub subject: String,
    pub before: String,
    pub after: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
