//! Failed sign-in and password-reset attempts, counted to throttle guessing.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuthAttempt {
    Table,
    Id,
    Scope,
    Subject,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuthAttempt::Table)
                    .col(
                        ColumnDef::new(AuthAttempt::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AuthAttempt::Scope).string_len(20).not_null())
                    .col(
                        ColumnDef::new(AuthAttempt::Subject)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuthAttempt::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_auth_attempt_scope_subject_at")
                    .table(AuthAttempt::Table)
                    .col(AuthAttempt::Scope)
                    .col(AuthAttempt::Subject)
                    .col(AuthAttempt::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuthAttempt::Table).to_owned())
            .await
    }
}
