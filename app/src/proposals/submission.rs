//! Submitting (the lead, while the submission stage runs, every problem listed at once;
//! every member is mailed) and withdrawing (the lead, until judging starts).
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::queries::{proposal_of, template, texts};
use super::{
    parse_links, parse_sdgs, section_part, word_count, ProposalStatus, LINKS, SUMMARY,
    SUMMARY_WORDS, TITLE, TITLE_MAX,
};
use crate::accounts::CurrentUser;
use crate::authz::team::team_access;
use crate::competitions::Stage;
use crate::entities::{proposal, team_member};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;

/// Checks completeness and word limits, every problem at once, then submits. The lead
/// only, while the submission stage runs by the server clock. Every member of the team
/// is mailed, in the transaction that submits, so the mail goes exactly once.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn submit(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    base_url: &str,
) -> Result<(), AppError> {
    let ctx = team_access(db, by, team_id).await?.lead()?;
    let submission = ctx.phase.window(Stage::Submission);
    let now = Utc::now();
    match submission {
        Some((starts, ends)) if starts <= now && now < ends => {}
        Some((starts, _)) if now < starts => {
            return Err(AppError::field("proposal", Key::ProposalsErrorNotYetOpen))
        }
        _ => {
            return Err(AppError::field(
                "proposal",
                Key::ProposalsErrorDeadlinePassed,
            ))
        }
    }
    let row = proposal_of(db, team_id).await?;
    if row
        .as_ref()
        .is_some_and(|p| p.status == ProposalStatus::Submitted)
    {
        return Ok(());
    }
    let sections = template(db, ctx.competition.id).await?;
    let stored = texts(db, row.as_ref().map(|p| p.id)).await?;
    let body = |part: &str| stored.get(part).map(|t| t.body.trim()).unwrap_or("");
    let mut errors = FieldErrors::new();
    let title = body(TITLE);
    if title.is_empty() {
        errors.add(TITLE, Key::ProposalsErrorRequired);
    } else if title.chars().count() > TITLE_MAX {
        errors.add(TITLE, Key::ProposalsErrorTitleTooLong);
    }
    for (part, limit) in std::iter::once((SUMMARY.to_string(), SUMMARY_WORDS as i32))
        .chain(sections.iter().map(|s| (section_part(s.id), s.word_limit)))
    {
        let text = body(&part);
        if text.is_empty() {
            errors.add(&part, Key::ProposalsErrorRequired);
        } else if word_count(text) > limit as usize {
            errors.add(&part, Key::ProposalsErrorWordLimit);
        }
    }
    if let Err(key) = parse_links(body(LINKS)) {
        errors.add(LINKS, key);
    }
    match &row {
        Some(p) if !parse_sdgs(&p.sdgs).is_empty() => {}
        _ => errors.add("sdgs", Key::ProposalsErrorSdgsRequired),
    }
    if row.as_ref().and_then(|p| p.started_on.as_ref()).is_none() {
        errors.add("started_on", Key::ProposalsErrorStartRequired);
    }
    let members = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .count(db)
        .await?;
    if members < ctx.competition.team_min as u64 {
        errors.add("proposal", Key::ProposalsErrorTeamTooSmall);
    }
    // A hackathon's team answers one of its challenges, when it poses any.
    if ctx.competition.kind == crate::competitions::CompetitionKind::Hackathon
        && ctx.team.challenge_id.is_none()
        && crate::entities::challenge::Entity::find()
            .filter(crate::entities::challenge::Column::CompetitionId.eq(ctx.competition.id))
            .count(db)
            .await?
            > 0
    {
        errors.add("proposal", Key::ChallengesErrorRequiredAtSubmit);
    }
    errors.finish()?;
    let row = row.ok_or_else(|| AppError::field("proposal", Key::ProposalsErrorRequired))?;
    let txn = crate::db::begin_write(db).await?;
    // Conditional: of two clicks at once, one submits (and mails); the other finds it done.
    let changed = proposal::Entity::update_many()
        .col_expr(
            proposal::Column::Status,
            Expr::value(ProposalStatus::Submitted),
        )
        .col_expr(proposal::Column::SubmittedAt, Expr::value(now))
        .col_expr(
            proposal::Column::WithdrawnAt,
            Expr::value(None::<DateTime<Utc>>),
        )
        .filter(proposal::Column::Id.eq(row.id))
        .filter(proposal::Column::Status.ne(ProposalStatus::Submitted))
        .exec(&txn)
        .await?;
    if changed.rows_affected == 0 {
        return Ok(());
    }
    for person in crate::teams::queries::members(&txn, team_id).await? {
        let lang = Lang::parse(&person.lang).unwrap_or_default();
        mail::enqueue(
            &txn,
            &person.email,
            lang,
            Key::MailProposalSubmittedSubject,
            Key::MailProposalSubmittedBody,
            &[
                ("name", &person.name),
                ("lead", &ctx.user.name),
                ("team", &ctx.team.name),
                (
                    "competition",
                    lang.pick(&ctx.competition.title_id, &ctx.competition.title_en),
                ),
                ("at", &lang.datetime(now)),
                ("link", &format!("{base_url}/tim/{team_id}/proposal")),
                ("title", title),
            ],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The lead withdraws a submitted proposal until judging starts; it can be changed and
/// submitted again before the deadline.
#[tracing::instrument(skip(db, by))]
pub async fn withdraw(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<(), AppError> {
    let ctx = team_access(db, by, team_id).await?.lead()?;
    let judging = ctx.phase.judging_starts();
    let now = Utc::now();
    if judging.is_some_and(|j| now >= j) {
        return Err(AppError::field(
            "proposal",
            Key::ProposalsErrorJudgingStarted,
        ));
    }
    // Once selection closed, the proposal is judged as it was decided on.
    if crate::judging::selection::is_closed(db, ctx.competition.id).await? {
        return Err(AppError::field(
            "proposal",
            Key::JudgingErrorSelectionClosed,
        ));
    }
    let changed = proposal::Entity::update_many()
        .col_expr(
            proposal::Column::Status,
            Expr::value(ProposalStatus::Withdrawn),
        )
        .col_expr(proposal::Column::WithdrawnAt, Expr::value(now))
        .filter(proposal::Column::TeamId.eq(team_id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Submitted))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::field("proposal", Key::ProposalsErrorNotSubmitted));
    }
    Ok(())
}
