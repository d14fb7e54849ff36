//! What a person typed in a long or private form that came back with problems, kept on
//! the server for an hour instead of travelling in the URL (`__err`), where proxies,
//! logs and browser history would keep it. Only its owner reads it back.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FormStash {
    Table,
    Id,
    UserId,
    Payload,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormStash::Table)
                    .col(
                        ColumnDef::new(FormStash::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(FormStash::UserId).integer().not_null())
                    .col(ColumnDef::new(FormStash::Payload).text().not_null())
                    .col(
                        ColumnDef::new(FormStash::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_form_stash_user")
                            .from(FormStash::Table, FormStash::UserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormStash::Table).to_owned())
            .await
    }
}
