//! Indonesia's provinces and regencies/cities (official Kemendagri codes).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Province {
    Table,
    Code,
    Name,
}

#[derive(DeriveIden)]
pub enum Regency {
    Table,
    Code,
    ProvinceCode,
    Name,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Province::Table)
                    .col(
                        ColumnDef::new(Province::Code)
                            .string_len(2)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Province::Name).string_len(100).not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Regency::Table)
                    .col(
                        ColumnDef::new(Regency::Code)
                            .string_len(5)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Regency::ProvinceCode)
                            .string_len(2)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Regency::Name).string_len(100).not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_regency_province")
                            .from(Regency::Table, Regency::ProvinceCode)
                            .to(Province::Table, Province::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_regency_province")
                    .table(Regency::Table)
                    .col(Regency::ProvinceCode)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Regency::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Province::Table).to_owned())
            .await
    }
}
