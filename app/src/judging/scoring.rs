//! A juror scores an assigned proposal: reads it (without team, agency and region when the
//! stage is blind; attachments by number only), scores each criterion on its scale,
//! writes a comment for the team and one for the panel, saves drafts, then submits. A
//! submitted sheet is locked; an organizer reopens it with a reason, on the record. Each
//! save names the version it started from and is a conditional update, so a stale tab
//! changes nothing. The assignment is the juror's only way in: `/tim/{id}` stays closed.
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::audit::{self, Entry};
use super::ranking;
use super::settings::{criteria, load};
use super::{CriterionView, PeerSheet, PeerVisibility, ReadPart, ScoreView, SheetState};
use crate::accounts::CurrentUser;
use crate::authz::service::has_role;
use crate::authz::Role;
use crate::competitions::Stage;
use crate::entities::{
    assignment, attachment, competition, competition_stage, organization, proposal, regency,
    rubric_criterion, score_item, score_sheet, team,
};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};

/// The longest comment a juror may write.
pub const COMMENT_LIMIT: usize = 5000;

/// The assignment `id` in competition `slug`, for the juror it names while they hold the
/// role; anyone else is refused.
async fn assigned(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    id: i32,
) -> Result<(competition::Model, assignment::Model, CurrentUser), AppError> {
    let user = by.ok_or(AppError::Unauthorized)?.clone();
    let competition = crate::competitions::queries::by_slug(db, slug).await?;
    let row = assignment::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|a| a.competition_id == competition.id)
        .ok_or(AppError::NotFound)?;
    if row.juror_id != user.id
        || !row.active
        || !has_role(db, user.id, competition.id, Role::Juror).await?
    {
        return Err(AppError::Forbidden);
    }
    Ok((competition, row, user))
}

/// The assignment is still active, still this juror's, and they still hold the role
/// (read inside the caller's transaction).
async fn still_assigned(
    txn: &impl ConnectionTrait,
    row: &assignment::Model,
    juror: i32,
) -> Result<(), AppError> {
    use crate::entities::competition_role;
    let active = assignment::Entity::find_by_id(row.id)
        .one(txn)
        .await?
        .is_some_and(|a| a.active && a.juror_id == juror);
    let role = competition_role::Entity::find()
        .filter(competition_role::Column::CompetitionId.eq(row.competition_id))
        .filter(competition_role::Column::UserId.eq(juror))
        .filter(competition_role::Column::Role.eq(Role::Juror))
        .one(txn)
        .await?
        .is_some();
    if active && role {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A sheet as the record keeps it: state, total and every score.
async fn describe(
    txn: &impl ConnectionTrait,
    sheet: &score_sheet::Model,
) -> Result<String, AppError> {
    let scores = sheet_of(txn, sheet.assignment_id)
        .await?
        .map(|(_, s)| s)
        .unwrap_or_default();
    Ok(format!(
        "{} total_milli={} scores={}",
        match sheet.state {
            SheetState::Draft => "draft",
            SheetState::Submitted => "submitted",
        },
        sheet
            .total_milli
            .map(|t| t.to_string())
            .unwrap_or_else(|| "-".into()),
        scores
            .iter()
            .map(|(c, s)| format!("{c}:{s}"))
            .collect::<Vec<_>>()
            .join(",")
    ))
}

/// Whether the stage takes scores now: while it runs, or at any time when it is undated.
async fn open(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
) -> Result<bool, AppError> {
    if super::queries::stage_closed(db, competition_id, stage).await? {
        return Ok(false);
    }
    let now = chrono::Utc::now();
    Ok(competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(competition_id))
        .filter(competition_stage::Column::Stage.eq(stage))
        .one(db)
        .await?
        .is_none_or(|s| s.starts_at <= now && now < s.ends_at))
}

async fn sheet_of(
    db: &impl ConnectionTrait,
    assignment_id: i32,
) -> Result<Option<(score_sheet::Model, Vec<(i32, i32)>)>, AppError> {
    let Some(sheet) = score_sheet::Entity::find()
        .filter(score_sheet::Column::AssignmentId.eq(assignment_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let scores = score_item::Entity::find()
        .filter(score_item::Column::SheetId.eq(sheet.id))
        .order_by_asc(score_item::Column::CriterionId)
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.criterion_id, i.score))
        .collect();
    Ok(Some((sheet, scores)))
}

/// The criteria as the ranking reads them.
pub fn rules(criteria: &[rubric_criterion::Model]) -> Vec<ranking::Criterion> {
    criteria
        .iter()
        .map(|c| ranking::Criterion {
            id: c.id,
            weight: c.weight,
            min: c.scale_min,
            max: c.scale_max,
        })
        .collect()
}

/// `/penilaian/{slug}/nilai/{assignment}`.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    assignment_id: i32,
    lang: Lang,
) -> Result<ScoreView, AppError> {
    let (competition, row, user) = assigned(db, by, slug, assignment_id).await?;
    let settings = load(db, competition.id, row.stage).await?;
    // Nothing to read before scoring opens: until then blind judging can still change.
    let opened = super::settings::scoring_opened(db, competition.id, row.stage).await?;
    let proposal = proposal::Entity::find_by_id(row.proposal_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let sections = crate::proposals::queries::template(db, competition.id).await?;
    let texts = crate::proposals::queries::texts(db, Some(proposal.id)).await?;
    let parts = crate::proposals::queries::parts(&sections, lang)
        .into_iter()
        .filter(|_| opened)
        .filter_map(|(part, heading, _, _)| {
            let body = texts.get(&part)?.body.clone();
            (!body.trim().is_empty()).then_some(ReadPart { heading, body })
        })
        .collect();
    let team = if settings.blind || !opened {
        None
    } else {
        let team = team::Entity::find_by_id(proposal.team_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let agency = organization::Entity::find_by_id(team.organization_id)
            .one(db)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        let region = match &team.regency_code {
            Some(code) => regency::Entity::find_by_id(code.clone())
                .one(db)
                .await?
                .map(|r| r.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        Some((team.name, agency, region))
    };
    let attachments = attachment::Entity::find()
        .filter(attachment::Column::ProposalId.eq(proposal.id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|_| opened)
        .map(|a| {
            let kind = a
                .content_type
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_uppercase();
            (kind, a.size_bytes)
        })
        .collect();
    let criteria_rows = criteria(db, competition.id, row.stage).await?;
    let own = sheet_of(db, row.id).await?;
    let submitted = own
        .as_ref()
        .is_some_and(|(s, _)| s.state == SheetState::Submitted);
    let show_peers = match settings.peer_visibility {
        PeerVisibility::Never => false,
        PeerVisibility::AfterOwn => submitted,
        PeerVisibility::Always => true,
    };
    let peers = if show_peers {
        let others = score_sheet::Entity::find()
            .filter(score_sheet::Column::CompetitionId.eq(competition.id))
            .filter(score_sheet::Column::Stage.eq(row.stage))
            .filter(score_sheet::Column::ProposalId.eq(row.proposal_id))
            .filter(score_sheet::Column::JurorId.ne(user.id))
            .filter(score_sheet::Column::State.eq(SheetState::Submitted))
            .order_by_asc(score_sheet::Column::Id)
            .all(db)
            .await?;
        // Only sheets that count: their assignment is still active.
        let counting: std::collections::HashSet<i32> =
            super::assignments::active(db, competition.id, row.stage)
                .await?
                .into_iter()
                .map(|a| a.id)
                .collect();
        let others: Vec<_> = others
            .into_iter()
            .filter(|s| counting.contains(&s.assignment_id))
            .collect();
        let mut out = Vec::new();
        for (n, sheet) in others.into_iter().enumerate() {
            let scores = sheet_of(db, sheet.assignment_id)
                .await?
                .map(|(_, s)| s)
                .unwrap_or_default();
            out.push(PeerSheet {
                number: n + 1,
                total_milli: sheet.total_milli.unwrap_or_default(),
                scores,
                comment_panel: sheet.comment_panel,
            });
        }
        Some(out)
    } else {
        None
    };
    let (state, version, scores, comment_team, comment_panel, total) = match own {
        Some((s, scores)) => (
            Some(s.state),
            s.version,
            scores,
            s.comment_team,
            s.comment_panel,
            s.total_milli,
        ),
        None => (None, 0, Vec::new(), String::new(), String::new(), None),
    };
    Ok(ScoreView {
        slug: competition.slug.clone(),
        competition_title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        stage: row.stage,
        assignment_id: row.id,
        blind: settings.blind,
        team,
        parts,
        attachments,
        criteria: criteria_rows
            .iter()
            .map(|c| CriterionView {
                id: c.id,
                name: lang.pick(&c.name_id, &c.name_en).to_string(),
                description: lang.pick(&c.description_id, &c.description_en).to_string(),
                weight: c.weight,
                min: c.scale_min,
                max: c.scale_max,
            })
            .collect(),
        state,
        version,
        scores,
        comment_team,
        comment_panel,
        total_milli: total,
        open: open(db, competition.id, row.stage).await?,
        peers,
    })
}

/// What a juror posts: the version the form started from, `score[<criterion id>]`
/// values, both comments, and whether to submit.
pub struct SheetForm<'a> {
    pub version: i32,
    pub scores: &'a HashMap<String, String>,
    pub comment_team: &'a str,
    pub comment_panel: &'a str,
    pub submit: bool,
}

/// Saves a draft, or submits the sheet (every criterion scored, the total computed, on
/// the record).
#[tracing::instrument(skip(db, by, form))]
pub async fn save(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    assignment_id: i32,
    form: SheetForm<'_>,
) -> Result<(), AppError> {
    let (competition, row, user) = assigned(db, by, slug, assignment_id).await?;
    // Everything below is read again under the judging lock: a removal, a revocation or a
    // rubric change committed meanwhile is seen.
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    still_assigned(&txn, &row, user.id).await?;
    let criteria_rows = criteria(&txn, competition.id, row.stage).await?;
    let mut errors = FieldErrors::new();
    let comment_team = form.comment_team.trim().replace("\r\n", "\n");
    let comment_panel = form.comment_panel.trim().replace("\r\n", "\n");
    errors.keep("comment_team", &comment_team);
    errors.keep("comment_panel", &comment_panel);
    for (field, text) in [
        ("comment_team", &comment_team),
        ("comment_panel", &comment_panel),
    ] {
        if text.chars().count() > COMMENT_LIMIT {
            errors.add(field, Key::JudgingErrorCommentLength);
        }
    }
    let mut scores: Vec<(i32, i32)> = Vec::new();
    for c in &criteria_rows {
        let field = super::scoring_field(c.id);
        let text = form
            .scores
            .get(&c.id.to_string())
            .map(|s| s.trim())
            .unwrap_or_default();
        errors.keep(&field, text);
        if text.is_empty() {
            if form.submit {
                errors.add(&field, Key::JudgingErrorScoreRequired);
            }
            continue;
        }
        match text.parse::<i32>() {
            Ok(n) if (c.scale_min..=c.scale_max).contains(&n) => scores.push((c.id, n)),
            _ => errors.add(&field, Key::JudgingErrorScoreRange),
        }
    }
    if !open(&txn, competition.id, row.stage).await? {
        errors.add("sheet", Key::JudgingErrorStageClosed);
    }
    if errors.has_errors() {
        return Err(AppError::Validation(errors));
    }
    let total = if form.submit {
        ranking::sheet_total_milli(&rules(&criteria_rows), &scores)
    } else {
        None
    };
    if form.submit && total.is_none() {
        errors.add("sheet", Key::JudgingErrorScoreRequired);
        return Err(AppError::Validation(errors));
    }
    let now = audit::now();
    let existing = score_sheet::Entity::find()
        .filter(score_sheet::Column::AssignmentId.eq(row.id))
        .one(&txn)
        .await?;
    let before = match &existing {
        Some(sheet) => describe(&txn, sheet).await?,
        None => String::new(),
    };
    let sheet_id = match existing {
        Some(sheet) if sheet.state == SheetState::Submitted => {
            errors.add("sheet", Key::JudgingErrorSheetLocked);
            return Err(AppError::Validation(errors));
        }
        Some(sheet) => {
            let changed = score_sheet::Entity::update_many()
                .col_expr(
                    score_sheet::Column::Version,
                    Expr::col(score_sheet::Column::Version).add(1),
                )
                .col_expr(
                    score_sheet::Column::CommentTeam,
                    Expr::value(comment_team.clone()),
                )
                .col_expr(
                    score_sheet::Column::CommentPanel,
                    Expr::value(comment_panel.clone()),
                )
                .col_expr(score_sheet::Column::UpdatedAt, Expr::value(now))
                .filter(score_sheet::Column::Id.eq(sheet.id))
                .filter(score_sheet::Column::Version.eq(form.version))
                .filter(score_sheet::Column::State.eq(SheetState::Draft))
                .exec(&txn)
                .await?;
            if changed.rows_affected == 0 {
                errors.add("sheet", Key::JudgingErrorSheetStale);
                return Err(AppError::Validation(errors));
            }
            sheet.id
        }
        None => {
            if form.version != 0 {
                errors.add("sheet", Key::JudgingErrorSheetStale);
                return Err(AppError::Validation(errors));
            }
            score_sheet::ActiveModel {
                competition_id: Set(competition.id),
                stage: Set(row.stage),
                assignment_id: Set(row.id),
                proposal_id: Set(row.proposal_id),
                juror_id: Set(user.id),
                state: Set(SheetState::Draft),
                version: Set(1),
                comment_team: Set(comment_team.clone()),
                comment_panel: Set(comment_panel.clone()),
                total_milli: Set(None),
                submitted_at: Set(None),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    score_item::Entity::delete_many()
        .filter(score_item::Column::SheetId.eq(sheet_id))
        .exec(&txn)
        .await?;
    if !scores.is_empty() {
        score_item::Entity::insert_many(scores.iter().map(|&(criterion_id, score)| {
            score_item::ActiveModel {
                sheet_id: Set(sheet_id),
                criterion_id: Set(criterion_id),
                score: Set(score),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    if let Some(total) = total {
        score_sheet::Entity::update_many()
            .col_expr(
                score_sheet::Column::State,
                Expr::value(SheetState::Submitted),
            )
            .col_expr(score_sheet::Column::TotalMilli, Expr::value(total))
            .col_expr(score_sheet::Column::SubmittedAt, Expr::value(now))
            .filter(score_sheet::Column::Id.eq(sheet_id))
            .exec(&txn)
            .await?;
        audit::append(
            &txn,
            competition.id,
            Some(user.id),
            Entry {
                kind: "score_submitted",
                subject: format!(
                    "{} proposal:{} juri:{}",
                    row.stage.code(),
                    row.proposal_id,
                    user.id
                ),
                before,
                after: format!(
                    "total_milli={total} scores={}",
                    scores
                        .iter()
                        .map(|(c, s)| format!("{c}:{s}"))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// An organizer reopens a submitted sheet, with a reason: it becomes a draft its juror
/// can change and submit again; the record keeps the scores it had.
#[tracing::instrument(skip(db, by, reason))]
pub async fn reopen(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    sheet_id: i32,
    reason: &str,
) -> Result<Stage, AppError> {
    let (competition, user) = super::queries::managed(db, by, slug).await?;
    let reason = reason.trim().replace("\r\n", "\n");
    let mut errors = FieldErrors::new();
    errors.keep("reason", &reason);
    if reason.is_empty() {
        errors.add("reason", Key::JudgingErrorReasonRequired);
    } else if reason.chars().count() > super::REASON_LIMIT {
        errors.add("reason", Key::JudgingErrorReasonLength);
    }
    if errors.has_errors() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    let sheet = score_sheet::Entity::find_by_id(sheet_id)
        .one(&txn)
        .await?
        .filter(|s| s.competition_id == competition.id)
        .ok_or(AppError::NotFound)?;
    // Reopened after the stage closed, the juror could never submit it again.
    if !open(&txn, competition.id, sheet.stage).await? {
        errors.add("reason", Key::JudgingErrorStageClosed);
        return Err(AppError::Validation(errors));
    }
    let before = describe(&txn, &sheet).await?;
    let changed = score_sheet::Entity::update_many()
        .col_expr(score_sheet::Column::State, Expr::value(SheetState::Draft))
        .col_expr(
            score_sheet::Column::Version,
            Expr::col(score_sheet::Column::Version).add(1),
        )
        .col_expr(
            score_sheet::Column::TotalMilli,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(score_sheet::Column::UpdatedAt, Expr::value(audit::now()))
        .filter(score_sheet::Column::Id.eq(sheet.id))
        .filter(score_sheet::Column::State.eq(SheetState::Submitted))
        .exec(&txn)
        .await?;
    if changed.rows_affected == 0 {
        errors.add("reason", Key::JudgingErrorNotSubmitted);
        return Err(AppError::Validation(errors));
    }
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        Entry {
            kind: "score_reopened",
            subject: format!(
                "{} proposal:{} juri:{}",
                sheet.stage.code(),
                sheet.proposal_id,
                sheet.juror_id
            ),
            before,
            after: format!("draft: {reason}"),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(sheet.stage)
}
