//! Where an OAuth2 sign-in returns to: the `lanjut` path the person started from (an
//! invitation, a team), so signing in through the provider does not drop them on the home
//! page. Checked as a local path when stored and again when used.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OauthState {
    Table,
    Next,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OauthState::Table)
                    .add_column(ColumnDef::new(OauthState::Next).string_len(2000).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OauthState::Table)
                    .drop_column(OauthState::Next)
                    .to_owned(),
            )
            .await
    }
}
