use sea_orm::entity::prelude::*;

/// A team's proposal: `draft`, `submitted` or `withdrawn`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub team_id: i32,
    pub competition_id: i32,
    pub status: crate::proposals::ProposalStatus,
    /// The chosen Sustainable Development Goals, as comma-separated numbers.
    pub sdgs: String,
    /// When the innovation started (`YYYY-MM-DD`).
    pub started_on: Option<String>,
    /// Raised by every save of the SDGs and start date (stale-save detection).
    pub meta_version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub withdrawn_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
