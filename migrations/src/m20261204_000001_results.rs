//! Judging, last part: the shortlists that take the best of one judged stage on to the
//! next (or to the final), each judged stage's weight in the final ranking, the time slot
//! each finalist presents in, the frozen final result with its SHA-256 over the ranking
//! and the head of the judging record, and an award's kind and place.
use sea_orm_migration::prelude::*;

use crate::columns::{at, belongs_to_competition, id, int, maybe_at, string};

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
enum Shortlist {
    Table,
    Id,
    CompetitionId,
    FromStage,
    ToStage,
    Size,
    Quotas,
    Taken,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum FinalWeight {
    Table,
    Id,
    CompetitionId,
    Stage,
    Weight,
    SetBy,
    SetAt,
}

#[derive(DeriveIden)]
enum PresentationSlot {
    Table,
    Id,
    CompetitionId,
    Stage,
    ProposalId,
    StartsAt,
    Minutes,
    Place,
    SetBy,
    SetAt,
}

#[derive(DeriveIden)]
enum ResultFreeze {
    Table,
    Id,
    CompetitionId,
    ChainSeq,
    ChainHead,
    Ranking,
    Hash,
    FrozenBy,
    FrozenAt,
    PublishedBy,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Award {
    Table,
    Kind,
    Place,
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
                    .table(Shortlist::Table)
                    .col(id(Shortlist::Id))
                    .col(int(Shortlist::CompetitionId))
                    .col(string(Shortlist::FromStage, 40))
                    .col(string(Shortlist::ToStage, 40))
                    .col(int(Shortlist::Size))
                    .col(ColumnDef::new(Shortlist::Quotas).text().not_null())
                    .col(int(Shortlist::Taken))
                    .col(maybe_int(Shortlist::DecidedBy))
                    .col(at(Shortlist::DecidedAt))
                    .foreign_key(&mut belongs_to_competition(
                        Shortlist::Table,
                        Shortlist::CompetitionId,
                        "fk_shortlist_competition",
                    ))
                    .foreign_key(&mut by_person(
                        "fk_shortlist_decided_by",
                        Shortlist::Table,
                        Shortlist::DecidedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        // One shortlist out of each stage: fixing it closes the stage.
        manager
            .create_index(unique(
                "ux_shortlist_from",
                Shortlist::Table,
                vec![
                    Shortlist::CompetitionId.into_iden(),
                    Shortlist::FromStage.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FinalWeight::Table)
                    .col(id(FinalWeight::Id))
                    .col(int(FinalWeight::CompetitionId))
                    .col(string(FinalWeight::Stage, 40))
                    .col(int(FinalWeight::Weight))
                    .col(maybe_int(FinalWeight::SetBy))
                    .col(at(FinalWeight::SetAt))
                    .foreign_key(&mut belongs_to_competition(
                        FinalWeight::Table,
                        FinalWeight::CompetitionId,
                        "fk_final_weight_competition",
                    ))
                    .foreign_key(&mut by_person(
                        "fk_final_weight_set_by",
                        FinalWeight::Table,
                        FinalWeight::SetBy,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_final_weight_stage",
                FinalWeight::Table,
                vec![
                    FinalWeight::CompetitionId.into_iden(),
                    FinalWeight::Stage.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PresentationSlot::Table)
                    .col(id(PresentationSlot::Id))
                    .col(int(PresentationSlot::CompetitionId))
                    .col(string(PresentationSlot::Stage, 40))
                    .col(int(PresentationSlot::ProposalId))
                    .col(at(PresentationSlot::StartsAt))
                    .col(int(PresentationSlot::Minutes))
                    .col(string(PresentationSlot::Place, 200))
                    .col(maybe_int(PresentationSlot::SetBy))
                    .col(at(PresentationSlot::SetAt))
                    .foreign_key(&mut belongs_to_competition(
                        PresentationSlot::Table,
                        PresentationSlot::CompetitionId,
                        "fk_presentation_slot_competition",
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_presentation_slot_proposal")
                            .from(PresentationSlot::Table, PresentationSlot::ProposalId)
                            .to(Proposal::Table, Proposal::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(&mut by_person(
                        "fk_presentation_slot_set_by",
                        PresentationSlot::Table,
                        PresentationSlot::SetBy,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_presentation_slot_entry",
                PresentationSlot::Table,
                vec![
                    PresentationSlot::CompetitionId.into_iden(),
                    PresentationSlot::Stage.into_iden(),
                    PresentationSlot::ProposalId.into_iden(),
                ],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ResultFreeze::Table)
                    .col(id(ResultFreeze::Id))
                    .col(int(ResultFreeze::CompetitionId))
                    .col(int(ResultFreeze::ChainSeq))
                    .col(string(ResultFreeze::ChainHead, 64))
                    .col(ColumnDef::new(ResultFreeze::Ranking).text().not_null())
                    .col(string(ResultFreeze::Hash, 64))
                    .col(maybe_int(ResultFreeze::FrozenBy))
                    .col(at(ResultFreeze::FrozenAt))
                    .col(maybe_int(ResultFreeze::PublishedBy))
                    .col(maybe_at(ResultFreeze::PublishedAt))
                    .foreign_key(&mut belongs_to_competition(
                        ResultFreeze::Table,
                        ResultFreeze::CompetitionId,
                        "fk_result_freeze_competition",
                    ))
                    .foreign_key(&mut by_person(
                        "fk_result_freeze_frozen_by",
                        ResultFreeze::Table,
                        ResultFreeze::FrozenBy,
                    ))
                    .foreign_key(&mut by_person(
                        "fk_result_freeze_published_by",
                        ResultFreeze::Table,
                        ResultFreeze::PublishedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        // Frozen once.
        manager
            .create_index(unique(
                "ux_result_freeze_competition",
                ResultFreeze::Table,
                vec![ResultFreeze::CompetitionId.into_iden()],
            ))
            .await?;

        // One column per statement: SQLite alters one thing at a time.
        for column in [
            ColumnDef::new(Award::Kind)
                .string_len(24)
                .not_null()
                .default("finalist")
                .to_owned(),
            maybe_int(Award::Place),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Award::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Award::Place.into_iden(), Award::Kind.into_iden()] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Award::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            ResultFreeze::Table.into_iden(),
            PresentationSlot::Table.into_iden(),
            FinalWeight::Table.into_iden(),
            Shortlist::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
