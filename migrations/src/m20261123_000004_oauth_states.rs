//! In-flight OAuth2 sign-ins: the state sent to the provider and the PKCE verifier kept
//! for the code exchange. In the database, so any instance can finish what another began.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OauthState {
    Table,
    Id,
    PkceVerifier,
    Lang,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OauthState::Table)
                    .col(
                        ColumnDef::new(OauthState::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(OauthState::PkceVerifier)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(OauthState::Lang).string_len(2).not_null())
                    .col(
                        ColumnDef::new(OauthState::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OauthState::Table).to_owned())
            .await
    }
}
