//! Writing a proposal: who may write and until when, the autosave of one part, the whole
//! form, and the versioned write that never overwrites someone else's save.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use super::queries::{known_part, proposal_of, template, texts};
use super::{
    format_sdgs, parse_sdgs, parse_started_on, word_count, ProposalStatus, Saved, PART_MAX,
};
use crate::accounts::CurrentUser;
use crate::authz::team::{team_access, TeamAccess, TeamStanding};
use crate::competitions::Stage;
use crate::entities::{proposal, proposal_revision, proposal_section, proposal_text, team};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// The team's proposal, created as an empty draft on first save.
pub async fn proposal_for_writing(
    db: &impl ConnectionTrait,
    team: &team::Model,
) -> Result<proposal::Model, AppError> {
    if let Some(row) = proposal_of(db, team.id).await? {
        return Ok(row);
    }
    let now = Utc::now();
    proposal::Entity::insert(proposal::ActiveModel {
        team_id: Set(team.id),
        competition_id: Set(team.competition_id),
        status: Set(ProposalStatus::Draft),
        sdgs: Set(String::new()),
        started_on: Set(None),
        meta_version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(None),
        withdrawn_at: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(proposal::Column::TeamId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    proposal_of(db, team.id)
        .await?
        .ok_or_else(|| AppError::internal("proposal", "created row not found"))
}

/// Whether members may change the texts now: not while submitted, not after the deadline.
pub(super) fn editable(
    standing: TeamStanding,
    row: Option<&proposal::Model>,
    submission: Option<(DateTime<Utc>, DateTime<Utc>)>,
    now: DateTime<Utc>,
) -> bool {
    standing.is_member()
        && row.is_none_or(|p| p.status != ProposalStatus::Submitted)
        && submission.is_none_or(|(_, ends)| now < ends)
}

/// Writes one part if nobody saved it since `base`; `None` when someone did.
pub(super) async fn write_part(
    txn: &impl ConnectionTrait,
    proposal_id: i32,
    part: &str,
    base: i32,
    body: &str,
    user_id: i32,
) -> Result<Option<i32>, AppError> {
    let now = Utc::now();
    let written = if base == 0 {
        proposal_text::Entity::insert(proposal_text::ActiveModel {
            proposal_id: Set(proposal_id),
            part: Set(part.to_string()),
            body: Set(body.to_string()),
            version: Set(1),
            updated_at: Set(now),
            updated_by: Set(Some(user_id)),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                proposal_text::Column::ProposalId,
                proposal_text::Column::Part,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?
    } else {
        proposal_text::Entity::update_many()
            .col_expr(proposal_text::Column::Body, Expr::value(body))
            .col_expr(
                proposal_text::Column::Version,
                Expr::col(proposal_text::Column::Version).add(1),
            )
            .col_expr(proposal_text::Column::UpdatedAt, Expr::value(now))
            .col_expr(proposal_text::Column::UpdatedBy, Expr::value(user_id))
            .filter(proposal_text::Column::ProposalId.eq(proposal_id))
            .filter(proposal_text::Column::Part.eq(part))
            .filter(proposal_text::Column::Version.eq(base))
            .exec(txn)
            .await?
            .rows_affected
    };
    if written == 0 {
        return Ok(None);
    }
    let version = base + 1;
    proposal_revision::ActiveModel {
        proposal_id: Set(proposal_id),
        part: Set(part.to_string()),
        body: Set(body.to_string()),
        version: Set(version),
        saved_at: Set(now),
        saved_by: Set(Some(user_id)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    proposal::Entity::update_many()
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now))
        .filter(proposal::Column::Id.eq(proposal_id))
        .exec(txn)
        .await?;
    Ok(Some(version))
}

/// A writer's context: a member, the proposal editable now.
pub(super) async fn writable(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<(TeamAccess, Vec<proposal_section::Model>), AppError> {
    let ctx = team_access(db, by, team_id).await?.member()?;
    let submission = ctx.phase.window(Stage::Submission);
    let row = proposal_of(db, team_id).await?;
    if !editable(ctx.standing, row.as_ref(), submission, Utc::now()) {
        let key = if row.is_some_and(|p| p.status == ProposalStatus::Submitted) {
            Key::ProposalsErrorSubmittedLocked
        } else {
            Key::ProposalsErrorDeadlinePassed
        };
        return Err(AppError::field("proposal", key));
    }
    let sections = template(db, ctx.competition.id).await?;
    Ok((ctx, sections))
}

/// Saves one part as the user types (the autosave). A stale base is refused.
#[tracing::instrument(skip(db, by, body))]
pub async fn save_part(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    part: &str,
    base: i32,
    body: &str,
) -> Result<Saved, AppError> {
    let (ctx, sections) = writable(db, by, team_id).await?;
    if !known_part(part, &sections) {
        return Err(AppError::NotFound);
    }
    if body.chars().count() > PART_MAX {
        return Err(AppError::field(part, Key::ProposalsErrorTooLong));
    }
    // The conditional write (`WHERE version = base`) is what guards against a lost
    // update; the reads before it only spare a transaction when nothing changed.
    let row = proposal_for_writing(db, &ctx.team).await?;
    let current = proposal_text::Entity::find()
        .filter(proposal_text::Column::ProposalId.eq(row.id))
        .filter(proposal_text::Column::Part.eq(part))
        .one(db)
        .await?;
    // Nothing changed: no new version.
    if let Some(current) = &current {
        if current.body == body {
            return Ok(Saved {
                version: current.version,
                words: word_count(body),
            });
        }
    }
    let txn = crate::db::begin_write(db).await?;
    let Some(version) = write_part(&txn, row.id, part, base, body, ctx.user.id).await? else {
        return Err(AppError::field(part, Key::ProposalsErrorStale));
    };
    txn.commit().await?;
    Ok(Saved {
        version,
        words: word_count(body),
    })
}

/// The whole form, as sent (JavaScript off, or the save button).
pub struct SaveForm {
    pub texts: HashMap<String, String>,
    pub bases: HashMap<String, String>,
    pub sdgs: HashMap<String, String>,
    pub started_on: String,
    pub meta_version: String,
}

/// Saves every part that changed. Parts someone else saved since the form was opened are
/// not saved: they are reported at their field with the typed text kept; the rest is.
#[tracing::instrument(skip(db, by, form))]
pub async fn save(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    form: SaveForm,
) -> Result<(), AppError> {
    let (ctx, sections) = writable(db, by, team_id).await?;
    let mut errors = FieldErrors::new();
    for (part, body) in &form.texts {
        errors.keep(part, body);
    }
    errors.keep("started_on", &form.started_on);
    let goals: Vec<u8> = form
        .sdgs
        .keys()
        .filter_map(|k| k.parse::<u8>().ok())
        .collect();
    let goals = parse_sdgs(&format_sdgs(&goals));
    errors.keep("sdgs", &format_sdgs(&goals));
    let today = (Utc::now() + chrono::Duration::hours(7)).date_naive();
    let started_on = errors.check("started_on", parse_started_on(&form.started_on, today));
    // Reads before the transaction (see `save_part`).
    let row = proposal_for_writing(db, &ctx.team).await?;
    let stored = texts(db, Some(row.id)).await?;
    let txn = crate::db::begin_write(db).await?;
    for (part, body) in &form.texts {
        if !known_part(part, &sections) {
            continue;
        }
        if body.chars().count() > PART_MAX {
            errors.add(part, Key::ProposalsErrorTooLong);
            continue;
        }
        let current = stored.get(part);
        if current.is_some_and(|c| &c.body == body) || (current.is_none() && body.is_empty()) {
            continue;
        }
        let base = form
            .bases
            .get(part)
            .and_then(|b| b.trim().parse::<i32>().ok())
            .unwrap_or(0);
        if write_part(&txn, row.id, part, base, body, ctx.user.id)
            .await?
            .is_none()
        {
            errors.add(part, Key::ProposalsErrorStale);
        }
    }
    // The SDGs and start date travel with `meta_version`; a post without it leaves them.
    let meta_base = form.meta_version.trim().parse::<i32>().ok();
    if let (Some(started_on), Some(meta_base)) = (started_on, meta_base) {
        let started = started_on.map(|d| d.format("%Y-%m-%d").to_string());
        let sdgs = format_sdgs(&goals);
        if started != row.started_on || sdgs != row.sdgs {
            let changed = proposal::Entity::update_many()
                .col_expr(proposal::Column::Sdgs, Expr::value(sdgs))
                .col_expr(proposal::Column::StartedOn, Expr::value(started))
                .col_expr(
                    proposal::Column::MetaVersion,
                    Expr::col(proposal::Column::MetaVersion).add(1),
                )
                .col_expr(proposal::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(proposal::Column::Id.eq(row.id))
                .filter(proposal::Column::MetaVersion.eq(meta_base))
                .exec(&txn)
                .await?;
            if changed.rows_affected == 0 {
                errors.add("sdgs", Key::ProposalsErrorStale);
            }
        }
    }
    // What could be saved is kept even when some parts were refused.
    txn.commit().await?;
    errors.finish()
}

/// The team a proposal belongs to, for the attachment routes.
pub async fn writable_proposal(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<(proposal::Model, i32), AppError> {
    let (ctx, _) = writable(db, by, team_id).await?;
    let row = proposal_for_writing(db, &ctx.team).await?;
    Ok((row, ctx.user.id))
}
