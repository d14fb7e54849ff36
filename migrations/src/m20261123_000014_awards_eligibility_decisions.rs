//! Awards (a team's placing in a competition's published results; the results stage
//! writes them, eligibility counts them as earlier wins) and the organizer's eligibility
//! decisions on submitted proposals, kept as an append-only record.
use sea_orm_migration::prelude::*;

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
enum Proposal {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Award {
    Table,
    Id,
    CompetitionId,
    TeamId,
    OrganizationId,
    Title,
    AwardedAt,
}

#[derive(DeriveIden)]
enum EligibilityDecision {
    Table,
    Id,
    ProposalId,
    Eligible,
    Reason,
    DecidedBy,
    DecidedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Award::Table)
                    .col(
                        ColumnDef::new(Award::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Award::CompetitionId).integer().not_null())
                    .col(ColumnDef::new(Award::TeamId).integer().not_null())
                    .col(ColumnDef::new(Award::OrganizationId).integer().not_null())
                    .col(ColumnDef::new(Award::Title).string_len(160).not_null())
                    .col(
                        ColumnDef::new(Award::AwardedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_competition")
                            .from(Award::Table, Award::CompetitionId)
                            .to(Competition::Table, Competition::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_team")
                            .from(Award::Table, Award::TeamId)
                            .to(Team::Table, Team::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_award_organization")
                    .table(Award::Table)
                    .col(Award::OrganizationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EligibilityDecision::Table)
                    .col(
                        ColumnDef::new(EligibilityDecision::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(EligibilityDecision::ProposalId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EligibilityDecision::Eligible)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EligibilityDecision::Reason)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EligibilityDecision::DecidedBy)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(EligibilityDecision::DecidedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_eligibility_decision_proposal")
                            .from(EligibilityDecision::Table, EligibilityDecision::ProposalId)
                            .to(Proposal::Table, Proposal::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_eligibility_decision_proposal")
                    .table(EligibilityDecision::Table)
                    .col(EligibilityDecision::ProposalId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EligibilityDecision::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Award::Table).to_owned())
            .await
    }
}
