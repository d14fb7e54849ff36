//! A mentor or partner may offer to support a team, as well as be asked by its lead:
//! `team_supporter.from_supporter` says which side asked (the other side answers). Rows
//! written before were all asked by the lead.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TeamSupporter {
    Table,
    FromSupporter,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(TeamSupporter::Table)
                    .add_column(
                        ColumnDef::new(TeamSupporter::FromSupporter)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(TeamSupporter::Table)
                    .drop_column(TeamSupporter::FromSupporter)
                    .to_owned(),
            )
            .await
    }
}
