use sea_orm::entity::prelude::*;

/// A team's placing in a competition's published results ("Juara 1", "Top 45"). The
/// results stage writes these; eligibility counts an organization's earlier ones.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "award")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub team_id: i32,
    /// The team's agency when it won.
    pub organization_id: i32,
    pub title: String,
    pub awarded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
