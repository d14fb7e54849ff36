//! Judging, first part: who goes on to a judged stage (`stage_entry`), which stages are
//! closed (`judging_stage`), conflicts of interest decided by people (`juror_conflict`,
//! append-only: the newest per juror and proposal stands), the categories a juror knows
//! (`juror_expertise`), who judges what (`assignment`, with the runs of the planner that
//! made them) and the record of every judging decision, each row chained to the one
//! before by SHA-256 (`judging_audit`, its head in `judging_chain`).
use sea_orm_migration::prelude::*;

use crate::columns::{at, belongs_to_competition, cascade, id, int, maybe_at, string};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Proposal {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CompetitionOption {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum JudgingStage {
    Table,
    Id,
    CompetitionId,
    Stage,
    ClosedAt,
    ClosedBy,
}

#[derive(DeriveIden)]
enum StageEntry {
    Table,
    Id,
    CompetitionId,
    Stage,
    ProposalId,
    Source,
    AddedBy,
    AddedAt,
}

#[derive(DeriveIden)]
enum JurorConflict {
    Table,
    Id,
    CompetitionId,
    JurorId,
    ProposalId,
    Kind,
    Reason,
    LiftedReasons,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum JurorExpertise {
    Table,
    Id,
    CompetitionId,
    JurorId,
    OptionId,
}

#[derive(DeriveIden)]
enum AssignmentRun {
    Table,
    Id,
    CompetitionId,
    Stage,
    Seed,
    K,
    MaxLoad,
    Fingerprint,
    Added,
    Short,
    RunBy,
    RunAt,
}

#[derive(DeriveIden)]
enum Assignment {
    Table,
    Id,
    CompetitionId,
    Stage,
    ProposalId,
    JurorId,
    Active,
    Source,
    RunId,
    ChangedBy,
    ChangedAt,
}

#[derive(DeriveIden)]
enum JudgingAudit {
    Table,
    Id,
    CompetitionId,
    Seq,
    At,
    ActorId,
    Kind,
    Subject,
    Before,
    After,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum JudgingChain {
    Table,
    CompetitionId,
    Seq,
    Head,
}

fn text<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).text().not_null().to_owned()
}

fn maybe_int<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).integer().null().to_owned()
}

/// `table.column` names a person; the reference is cleared when the account goes.
fn by_person<T: IntoIden + 'static, C: IntoIden + 'static>(
    name: &str,
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(UserAccount::Table, UserAccount::Id)
        .on_delete(ForeignKeyAction::SetNull)
        .to_owned()
}

/// `table.column` names a proposal, which cannot be deleted while judging refers to it.
fn of_proposal<T: IntoIden + 'static, C: IntoIden + 'static>(
    name: &str,
    table: T,
    column: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(Proposal::Table, Proposal::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn unique(name: &str, table: impl IntoIden, cols: Vec<DynIden>) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for col in cols {
        index.col(col);
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(JudgingStage::Table)
                    .col(id(JudgingStage::Id))
                    .col(int(JudgingStage::CompetitionId))
                    .col(string(JudgingStage::Stage, 40))
                    .col(maybe_at(JudgingStage::ClosedAt))
                    .col(maybe_int(JudgingStage::ClosedBy))
                    .foreign_key(&mut belongs_to_competition(
                        JudgingStage::Table,
                        JudgingStage::CompetitionId,
                        "fk_judging_stage_competition",
                    ))
                    .foreign_key(&mut by_person(
                        "fk_judging_stage_closed_by",
                        JudgingStage::Table,
                        JudgingStage::ClosedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_judging_stage",
                JudgingStage::Table,
                vec![
                    JudgingStage::CompetitionId.into_iden(),
                    JudgingStage::Stage.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StageEntry::Table)
                    .col(id(StageEntry::Id))
                    .col(int(StageEntry::CompetitionId))
                    .col(string(StageEntry::Stage, 40))
                    .col(int(StageEntry::ProposalId))
                    .col(string(StageEntry::Source, 16))
                    .col(maybe_int(StageEntry::AddedBy))
                    .col(at(StageEntry::AddedAt))
                    .foreign_key(&mut belongs_to_competition(
                        StageEntry::Table,
                        StageEntry::CompetitionId,
                        "fk_stage_entry_competition",
                    ))
                    .foreign_key(&mut of_proposal(
                        "fk_stage_entry_proposal",
                        StageEntry::Table,
                        StageEntry::ProposalId,
                    ))
                    .foreign_key(&mut by_person(
                        "fk_stage_entry_added_by",
                        StageEntry::Table,
                        StageEntry::AddedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_stage_entry",
                StageEntry::Table,
                vec![
                    StageEntry::CompetitionId.into_iden(),
                    StageEntry::Stage.into_iden(),
                    StageEntry::ProposalId.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(JurorConflict::Table)
                    .col(id(JurorConflict::Id))
                    .col(int(JurorConflict::CompetitionId))
                    .col(int(JurorConflict::JurorId))
                    .col(int(JurorConflict::ProposalId))
                    .col(string(JurorConflict::Kind, 16))
                    .col(text(JurorConflict::Reason))
                    .col(text(JurorConflict::LiftedReasons))
                    .col(maybe_int(JurorConflict::DecidedBy))
                    .col(at(JurorConflict::DecidedAt))
                    .foreign_key(&mut belongs_to_competition(
                        JurorConflict::Table,
                        JurorConflict::CompetitionId,
                        "fk_juror_conflict_competition",
                    ))
                    .foreign_key(&mut cascade(
                        "fk_juror_conflict_juror",
                        JurorConflict::Table,
                        JurorConflict::JurorId,
                        UserAccount::Table,
                        UserAccount::Id,
                    ))
                    .foreign_key(&mut of_proposal(
                        "fk_juror_conflict_proposal",
                        JurorConflict::Table,
                        JurorConflict::ProposalId,
                    ))
                    .foreign_key(&mut by_person(
                        "fk_juror_conflict_decided_by",
                        JurorConflict::Table,
                        JurorConflict::DecidedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_juror_conflict_pair")
                    .table(JurorConflict::Table)
                    .col(JurorConflict::CompetitionId)
                    .col(JurorConflict::JurorId)
                    .col(JurorConflict::ProposalId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(JurorExpertise::Table)
                    .col(id(JurorExpertise::Id))
                    .col(int(JurorExpertise::CompetitionId))
                    .col(int(JurorExpertise::JurorId))
                    .col(int(JurorExpertise::OptionId))
                    .foreign_key(&mut belongs_to_competition(
                        JurorExpertise::Table,
                        JurorExpertise::CompetitionId,
                        "fk_juror_expertise_competition",
                    ))
                    .foreign_key(&mut cascade(
                        "fk_juror_expertise_juror",
                        JurorExpertise::Table,
                        JurorExpertise::JurorId,
                        UserAccount::Table,
                        UserAccount::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_juror_expertise_option",
                        JurorExpertise::Table,
                        JurorExpertise::OptionId,
                        CompetitionOption::Table,
                        CompetitionOption::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_juror_expertise",
                JurorExpertise::Table,
                vec![
                    JurorExpertise::CompetitionId.into_iden(),
                    JurorExpertise::JurorId.into_iden(),
                    JurorExpertise::OptionId.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AssignmentRun::Table)
                    .col(id(AssignmentRun::Id))
                    .col(int(AssignmentRun::CompetitionId))
                    .col(string(AssignmentRun::Stage, 40))
                    .col(ColumnDef::new(AssignmentRun::Seed).big_integer().not_null())
                    .col(int(AssignmentRun::K))
                    .col(int(AssignmentRun::MaxLoad))
                    .col(string(AssignmentRun::Fingerprint, 64))
                    .col(int(AssignmentRun::Added))
                    .col(int(AssignmentRun::Short))
                    .col(maybe_int(AssignmentRun::RunBy))
                    .col(at(AssignmentRun::RunAt))
                    .foreign_key(&mut belongs_to_competition(
                        AssignmentRun::Table,
                        AssignmentRun::CompetitionId,
                        "fk_assignment_run_competition",
                    ))
                    .foreign_key(&mut by_person(
                        "fk_assignment_run_by",
                        AssignmentRun::Table,
                        AssignmentRun::RunBy,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Assignment::Table)
                    .col(id(Assignment::Id))
                    .col(int(Assignment::CompetitionId))
                    .col(string(Assignment::Stage, 40))
                    .col(int(Assignment::ProposalId))
                    .col(int(Assignment::JurorId))
                    .col(ColumnDef::new(Assignment::Active).boolean().not_null())
                    .col(string(Assignment::Source, 16))
                    .col(maybe_int(Assignment::RunId))
                    .col(maybe_int(Assignment::ChangedBy))
                    .col(at(Assignment::ChangedAt))
                    .foreign_key(&mut belongs_to_competition(
                        Assignment::Table,
                        Assignment::CompetitionId,
                        "fk_assignment_competition",
                    ))
                    .foreign_key(&mut of_proposal(
                        "fk_assignment_proposal",
                        Assignment::Table,
                        Assignment::ProposalId,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_assignment_juror",
                        Assignment::Table,
                        Assignment::JurorId,
                        UserAccount::Table,
                        UserAccount::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_assignment_run",
                        Assignment::Table,
                        Assignment::RunId,
                        AssignmentRun::Table,
                        AssignmentRun::Id,
                    ))
                    .foreign_key(&mut by_person(
                        "fk_assignment_changed_by",
                        Assignment::Table,
                        Assignment::ChangedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_assignment",
                Assignment::Table,
                vec![
                    Assignment::CompetitionId.into_iden(),
                    Assignment::Stage.into_iden(),
                    Assignment::ProposalId.into_iden(),
                    Assignment::JurorId.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(JudgingAudit::Table)
                    .col(id(JudgingAudit::Id))
                    .col(int(JudgingAudit::CompetitionId))
                    .col(int(JudgingAudit::Seq))
                    .col(at(JudgingAudit::At))
                    .col(maybe_int(JudgingAudit::ActorId))
                    .col(string(JudgingAudit::Kind, 40))
                    .col(string(JudgingAudit::Subject, 200))
                    .col(text(JudgingAudit::Before))
                    .col(text(JudgingAudit::After))
                    .col(string(JudgingAudit::PrevHash, 64))
                    .col(string(JudgingAudit::Hash, 64))
                    .foreign_key(&mut belongs_to_competition(
                        JudgingAudit::Table,
                        JudgingAudit::CompetitionId,
                        "fk_judging_audit_competition",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_judging_audit_seq",
                JudgingAudit::Table,
                vec![
                    JudgingAudit::CompetitionId.into_iden(),
                    JudgingAudit::Seq.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(JudgingChain::Table)
                    .col(int(JudgingChain::CompetitionId).primary_key())
                    .col(int(JudgingChain::Seq))
                    .col(string(JudgingChain::Head, 64))
                    .foreign_key(&mut belongs_to_competition(
                        JudgingChain::Table,
                        JudgingChain::CompetitionId,
                        "fk_judging_chain_competition",
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            JudgingChain::Table.into_iden(),
            JudgingAudit::Table.into_iden(),
            Assignment::Table.into_iden(),
            AssignmentRun::Table.into_iden(),
            JurorExpertise::Table.into_iden(),
            JurorConflict::Table.into_iden(),
            StageEntry::Table.into_iden(),
            JudgingStage::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
