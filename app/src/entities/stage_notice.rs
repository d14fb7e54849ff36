use sea_orm::entity::prelude::*;

use crate::competitions::notices::NoticeKind;
use crate::competitions::Stage;

/// A stage notice mailed to one person; unique per (competition, stage, kind, person),
/// so it is sent once whichever instance gets there first.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stage_notice")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub stage: Stage,
    pub kind: NoticeKind,
    pub user_id: i32,
    pub sent_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
