use sea_orm::entity::prelude::*;

use crate::competitions::{CompetitionKind, CompetitionStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competition")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub kind: CompetitionKind,
    pub status: CompetitionStatus,
    pub title_id: String,
    pub title_en: String,
    #[sea_orm(column_type = "Text")]
    pub summary_id: String,
    #[sea_orm(column_type = "Text")]
    pub summary_en: String,
    pub registration_closes_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub description_id: String,
    #[sea_orm(column_type = "Text")]
    pub description_en: String,
    #[sea_orm(column_type = "Text")]
    pub rules_id: String,
    #[sea_orm(column_type = "Text")]
    pub rules_en: String,
    pub team_min: i32,
    pub team_max: i32,
    pub published_at: Option<DateTimeUtc>,
    /// Comma-separated organization kind codes that may enter.
    pub eligible_kinds: String,
    pub min_months_running: i32,
    pub max_earlier_wins: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::team::Entity")]
    Team,
}

impl Related<super::team::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Team.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
