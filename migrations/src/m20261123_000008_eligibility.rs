//! Who may enter a competition: which kinds of agency, how long the innovation must have
//! been running, and how many earlier wins disqualify it.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Competition {
    Table,
    EligibleKinds,
    MinMonthsRunning,
    MaxEarlierWins,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Competition::EligibleKinds)
                .string_len(200)
                .not_null()
                .default("ministry,province,regency,agency_unit")
                .to_owned(),
            ColumnDef::new(Competition::MinMonthsRunning)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(Competition::MaxEarlierWins)
                .integer()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Competition::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Competition::MaxEarlierWins,
            Competition::MinMonthsRunning,
            Competition::EligibleKinds,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Competition::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
