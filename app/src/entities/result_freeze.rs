use sea_orm::entity::prelude::*;

/// A competition's frozen final result: once, immutable. `ranking` is the canonical text of
/// every counted score sheet, each stage's ranking and the final ranking
/// (`judging::freeze::canonical`); `hash` is SHA-256 over it and the judging record's head
/// (`chain_head`, at `chain_seq`) when it was frozen. Verification recomputes both.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "result_freeze")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub chain_seq: i32,
    pub chain_head: String,
    pub ranking: String,
    pub hash: String,
    pub frozen_by: Option<i32>,
    pub frozen_at: DateTimeUtc,
    pub published_by: Option<i32>,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
