use sea_orm::entity::prelude::*;

use crate::judging::AwardKind;

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
    /// The placing in Indonesian as announced ("Juara 1", "Finalis"); pages show `kind`
    /// and `place` in the reader's language.
    pub title: String,
    pub awarded_at: DateTimeUtc,
    pub kind: AwardKind,
    /// 1, 2, 3… within the kind (none for a finalist).
    pub place: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
