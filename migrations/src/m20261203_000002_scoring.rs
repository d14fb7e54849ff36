//! Scoring: each judged stage's settings (blind reading, when a juror sees the others'
//! scores, the tie-break, normalisation's minimum sample, the divergence threshold, what
//! ranks), a juror's score sheet per assignment (draft, then submitted and locked) and
//! its score per rubric criterion.
use sea_orm_migration::prelude::*;

use crate::columns::{at, belongs_to_competition, cascade, id, int, maybe_at, string};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum JudgingStage {
    Table,
    Blind,
    PeerVisibility,
    TieCriterionId,
    MinSample,
    DivergenceMilli,
    RankBy,
}

#[derive(DeriveIden)]
enum Assignment {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum RubricCriterion {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ScoreSheet {
    Table,
    Id,
    CompetitionId,
    Stage,
    AssignmentId,
    ProposalId,
    JurorId,
    State,
    Version,
    CommentTeam,
    CommentPanel,
    TotalMilli,
    SubmittedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ScoreItem {
    Table,
    Id,
    SheetId,
    CriterionId,
    Score,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for column in [
            ColumnDef::new(JudgingStage::Blind)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
            ColumnDef::new(JudgingStage::PeerVisibility)
                .string_len(16)
                .not_null()
                .default("after_own")
                .to_owned(),
            ColumnDef::new(JudgingStage::TieCriterionId)
                .integer()
                .null()
                .to_owned(),
            ColumnDef::new(JudgingStage::MinSample)
                .integer()
                .not_null()
                .default(3)
                .to_owned(),
            ColumnDef::new(JudgingStage::DivergenceMilli)
                .big_integer()
                .not_null()
                .default(15000)
                .to_owned(),
            ColumnDef::new(JudgingStage::RankBy)
                .string_len(16)
                .not_null()
                .default("normalised")
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(JudgingStage::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ScoreSheet::Table)
                    .col(id(ScoreSheet::Id))
                    .col(int(ScoreSheet::CompetitionId))
                    .col(string(ScoreSheet::Stage, 40))
                    .col(int(ScoreSheet::AssignmentId))
                    .col(int(ScoreSheet::ProposalId))
                    .col(int(ScoreSheet::JurorId))
                    .col(string(ScoreSheet::State, 16))
                    .col(int(ScoreSheet::Version))
                    .col(ColumnDef::new(ScoreSheet::CommentTeam).text().not_null())
                    .col(ColumnDef::new(ScoreSheet::CommentPanel).text().not_null())
                    .col(ColumnDef::new(ScoreSheet::TotalMilli).big_integer().null())
                    .col(maybe_at(ScoreSheet::SubmittedAt))
                    .col(at(ScoreSheet::UpdatedAt))
                    .foreign_key(&mut belongs_to_competition(
                        ScoreSheet::Table,
                        ScoreSheet::CompetitionId,
                        "fk_score_sheet_competition",
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_score_sheet_assignment")
                            .from(ScoreSheet::Table, ScoreSheet::AssignmentId)
                            .to(Assignment::Table, Assignment::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_score_sheet_assignment")
                    .table(ScoreSheet::Table)
                    .col(ScoreSheet::AssignmentId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScoreItem::Table)
                    .col(id(ScoreItem::Id))
                    .col(int(ScoreItem::SheetId))
                    .col(int(ScoreItem::CriterionId))
                    .col(int(ScoreItem::Score))
                    .foreign_key(&mut cascade(
                        "fk_score_item_sheet",
                        ScoreItem::Table,
                        ScoreItem::SheetId,
                        ScoreSheet::Table,
                        ScoreSheet::Id,
                    ))
                    // A criterion scored cannot be removed from the rubric.
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_score_item_criterion")
                            .from(ScoreItem::Table, ScoreItem::CriterionId)
                            .to(RubricCriterion::Table, RubricCriterion::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_score_item")
                    .table(ScoreItem::Table)
                    .col(ScoreItem::SheetId)
                    .col(ScoreItem::CriterionId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ScoreItem::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ScoreSheet::Table).to_owned())
            .await?;
        for column in [
            JudgingStage::RankBy,
            JudgingStage::DivergenceMilli,
            JudgingStage::MinSample,
            JudgingStage::TieCriterionId,
            JudgingStage::PeerVisibility,
            JudgingStage::Blind,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(JudgingStage::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
