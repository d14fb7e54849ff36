use sea_orm::entity::prelude::*;

/// An OAuth2 sign-in in flight. `id` is the SHA-256 of the `state` parameter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oauth_state")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub pkce_verifier: String,
    pub lang: String,
    /// The local path to return to once signed in (`lanjut`), if any.
    pub next: Option<String>,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
