//! Mentoring comments on a proposal's parts: threads (a comment and its replies) that the
//! team can mark resolved.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Proposal {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProposalComment {
    Table,
    Id,
    ProposalId,
    Part,
    ParentId,
    AuthorId,
    Body,
    CreatedAt,
    ResolvedAt,
    ResolvedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProposalComment::Table)
                    .col(
                        ColumnDef::new(ProposalComment::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ProposalComment::ProposalId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProposalComment::Part)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProposalComment::ParentId).integer().null())
                    .col(
                        ColumnDef::new(ProposalComment::AuthorId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProposalComment::Body).text().not_null())
                    .col(
                        ColumnDef::new(ProposalComment::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProposalComment::ResolvedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(ProposalComment::ResolvedBy).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proposal_comment_proposal")
                            .from(ProposalComment::Table, ProposalComment::ProposalId)
                            .to(Proposal::Table, Proposal::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proposal_comment_author")
                            .from(ProposalComment::Table, ProposalComment::AuthorId)
                            .to(UserAccount::Table, UserAccount::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proposal_comment_parent")
                            .from(ProposalComment::Table, ProposalComment::ParentId)
                            .to(ProposalComment::Table, ProposalComment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_proposal_comment_proposal")
                    .table(ProposalComment::Table)
                    .col(ProposalComment::ProposalId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProposalComment::Table).to_owned())
            .await
    }
}
