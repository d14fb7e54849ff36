//! Proposals: each competition's template (sections with word limits), one proposal per
//! team, its texts (title, summary, links, each section) with a version per part for
//! stale-save detection, every saved revision, and attachments (files kept in object
//! storage; the row keeps name, type, size and SHA-256).
use sea_orm_migration::prelude::*;

use crate::columns::{at, cascade, id, int, maybe_at, string};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Competition {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProposalSection {
    Table,
    Id,
    CompetitionId,
    Position,
    TitleId,
    TitleEn,
    WordLimit,
}

#[derive(DeriveIden)]
enum Proposal {
    Table,
    Id,
    TeamId,
    CompetitionId,
    Status,
    Sdgs,
    StartedOn,
    MetaVersion,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
    WithdrawnAt,
}

#[derive(DeriveIden)]
enum ProposalText {
    Table,
    Id,
    ProposalId,
    Part,
    Body,
    Version,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum ProposalRevision {
    Table,
    Id,
    ProposalId,
    Part,
    Body,
    Version,
    SavedAt,
    SavedBy,
}

#[derive(DeriveIden)]
enum Attachment {
    Table,
    Id,
    ProposalId,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    StorageKey,
    UploadedAt,
    UploadedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProposalSection::Table)
                    .col(id(ProposalSection::Id))
                    .col(int(ProposalSection::CompetitionId))
                    .col(int(ProposalSection::Position))
                    .col(string(ProposalSection::TitleId, 200))
                    .col(string(ProposalSection::TitleEn, 200))
                    .col(int(ProposalSection::WordLimit))
                    .foreign_key(&mut cascade(
                        "fk_proposal_section_competition",
                        ProposalSection::Table,
                        ProposalSection::CompetitionId,
                        Competition::Table,
                        Competition::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_proposal_section_position")
                    .table(ProposalSection::Table)
                    .col(ProposalSection::CompetitionId)
                    .col(ProposalSection::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Proposal::Table)
                    .col(id(Proposal::Id))
                    .col(int(Proposal::TeamId))
                    .col(int(Proposal::CompetitionId))
                    .col(string(Proposal::Status, 20))
                    .col(
                        ColumnDef::new(Proposal::Sdgs)
                            .string_len(60)
                            .not_null()
                            .default(""),
                    )
                    .col(ColumnDef::new(Proposal::StartedOn).string_len(10).null())
                    .col(int(Proposal::MetaVersion))
                    .col(at(Proposal::CreatedAt))
                    .col(at(Proposal::UpdatedAt))
                    .col(maybe_at(Proposal::SubmittedAt))
                    .col(maybe_at(Proposal::WithdrawnAt))
                    .foreign_key(&mut cascade(
                        "fk_proposal_team",
                        Proposal::Table,
                        Proposal::TeamId,
                        Team::Table,
                        Team::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_proposal_competition",
                        Proposal::Table,
                        Proposal::CompetitionId,
                        Competition::Table,
                        Competition::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_proposal_team")
                    .table(Proposal::Table)
                    .col(Proposal::TeamId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProposalText::Table)
                    .col(id(ProposalText::Id))
                    .col(int(ProposalText::ProposalId))
                    .col(string(ProposalText::Part, 40))
                    .col(ColumnDef::new(ProposalText::Body).text().not_null())
                    .col(int(ProposalText::Version))
                    .col(at(ProposalText::UpdatedAt))
                    .col(ColumnDef::new(ProposalText::UpdatedBy).integer().null())
                    .foreign_key(&mut cascade(
                        "fk_proposal_text_proposal",
                        ProposalText::Table,
                        ProposalText::ProposalId,
                        Proposal::Table,
                        Proposal::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_proposal_text_part")
                    .table(ProposalText::Table)
                    .col(ProposalText::ProposalId)
                    .col(ProposalText::Part)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProposalRevision::Table)
                    .col(id(ProposalRevision::Id))
                    .col(int(ProposalRevision::ProposalId))
                    .col(string(ProposalRevision::Part, 40))
                    .col(ColumnDef::new(ProposalRevision::Body).text().not_null())
                    .col(int(ProposalRevision::Version))
                    .col(at(ProposalRevision::SavedAt))
                    .col(ColumnDef::new(ProposalRevision::SavedBy).integer().null())
                    .foreign_key(&mut cascade(
                        "fk_proposal_revision_proposal",
                        ProposalRevision::Table,
                        ProposalRevision::ProposalId,
                        Proposal::Table,
                        Proposal::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_proposal_revision_part")
                    .table(ProposalRevision::Table)
                    .col(ProposalRevision::ProposalId)
                    .col(ProposalRevision::Part)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Attachment::Table)
                    .col(id(Attachment::Id))
                    .col(int(Attachment::ProposalId))
                    .col(string(Attachment::FileName, 200))
                    .col(string(Attachment::ContentType, 60))
                    .col(
                        ColumnDef::new(Attachment::SizeBytes)
                            .big_integer()
                            .not_null(),
                    )
                    .col(string(Attachment::Sha256, 64))
                    .col(string(Attachment::StorageKey, 200))
                    .col(at(Attachment::UploadedAt))
                    .col(ColumnDef::new(Attachment::UploadedBy).integer().null())
                    .foreign_key(&mut cascade(
                        "fk_attachment_proposal",
                        Attachment::Table,
                        Attachment::ProposalId,
                        Proposal::Table,
                        Proposal::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attachment_proposal")
                    .table(Attachment::Table)
                    .col(Attachment::ProposalId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Attachment::Table.into_iden(),
            ProposalRevision::Table.into_iden(),
            ProposalText::Table.into_iden(),
            Proposal::Table.into_iden(),
            ProposalSection::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
