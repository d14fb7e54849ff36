use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub organization_id: i32,
    pub name: String,
    pub created_at: DateTimeUtc,
    /// The lower-cased name: unique per competition.
    pub name_key: String,
    pub lead_user_id: Option<i32>,
    pub category_option_id: Option<i32>,
    pub group_option_id: Option<i32>,
    pub province_code: Option<String>,
    pub regency_code: Option<String>,
    /// Lets a person join from a shared link or code; the lead can replace it.
    pub join_code: Option<String>,
    /// The challenge the team answers, when the competition poses challenges.
    pub challenge_id: Option<i32>,
    /// The skills the team still looks for; `None` when it is not looking.
    pub wanted_skills: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::competition::Entity",
        from = "Column::CompetitionId",
        to = "super::competition::Column::Id",
        on_delete = "Cascade"
    )]
    Competition,
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id"
    )]
    Organization,
}

impl Related<super::competition::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Competition.def()
    }
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
