use sea_orm::entity::prelude::*;

/// A person's account. Holds the password hash: never sent to the browser (no `Serialize`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub email_verified_at: Option<DateTimeUtc>,
    pub lang: String,
    pub phone: Option<String>,
    pub nip: Option<String>,
    pub is_admin: bool,
    /// Mail the person when a stage of their competition opens or closes, and a day
    /// before the proposal deadline. Decisions about them are mailed regardless.
    pub reminders: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::session::Entity")]
    Session,
}

impl Related<super::session::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Session.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
