//! Writing, saving, restoring, submitting and withdrawing proposals. Who may do what,
//! the deadline by the server clock and stale saves are all decided here.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use super::{
    format_sdgs, parse_links, parse_sdgs, parse_started_on, section_part, word_count,
    AttachmentView, PartHistory, PartKind, PartView, ProposalEditor, RevisionView, Saved,
    DEFAULT_TEMPLATE, DRAFT, LINKS, PART_MAX, SUBMITTED, SUMMARY, SUMMARY_WORDS, TITLE, TITLE_MAX,
    WITHDRAWN,
};
use crate::accounts::CurrentUser;
use crate::authz::service::can;
use crate::authz::Action;
use crate::competitions::Stage;
use crate::entities::{
    attachment, competition, competition_stage, proposal, proposal_revision, proposal_section,
    proposal_text, team, team_member, team_supporter, user_account,
};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::teams::RequestStatus;

/// The competition's template, the default one written in on first use.
pub async fn template(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<Vec<proposal_section::Model>, AppError> {
    let find = || {
        proposal_section::Entity::find()
            .filter(proposal_section::Column::CompetitionId.eq(competition_id))
            .order_by_asc(proposal_section::Column::Position)
    };
    let sections = find().all(db).await?;
    if !sections.is_empty() {
        return Ok(sections);
    }
    let rows = DEFAULT_TEMPLATE
        .iter()
        .enumerate()
        .map(
            |(position, (id, en, limit))| proposal_section::ActiveModel {
                competition_id: Set(competition_id),
                position: Set(position as i32),
                title_id: Set(id.to_string()),
                title_en: Set(en.to_string()),
                word_limit: Set(*limit),
                ..Default::default()
            },
        );
    // Two first readers at once: the unique position index keeps one copy.
    proposal_section::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                proposal_section::Column::CompetitionId,
                proposal_section::Column::Position,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(find().all(db).await?)
}

/// How the reader stands to a team's proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Standing {
    Lead,
    Member,
    /// An accepted mentor or partner, an organizer or an admin: reads only.
    Reader,
}

pub(crate) struct Context {
    pub user: CurrentUser,
    pub team: team::Model,
    pub competition: competition::Model,
    pub standing: Standing,
}

pub(crate) async fn context(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<Context, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?.clone();
    let team = team::Entity::find_by_id(team_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let competition = competition::Entity::find_by_id(team.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let member = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team.id))
        .filter(team_member::Column::UserId.eq(user.id))
        .one(db)
        .await?;
    let standing = match member {
        Some(m) if m.is_lead => Standing::Lead,
        Some(_) => Standing::Member,
        None => {
            let supporter = team_supporter::Entity::find()
                .filter(team_supporter::Column::TeamId.eq(team.id))
                .filter(team_supporter::Column::UserId.eq(user.id))
                .filter(team_supporter::Column::Status.eq(RequestStatus::Accepted))
                .count(db)
                .await?
                > 0;
            let organizer = can(
                db,
                &user,
                Action::EditCompetition {
                    competition_id: competition.id,
                },
            )
            .await?;
            if supporter || organizer {
                Standing::Reader
            } else {
                return Err(AppError::Forbidden);
            }
        }
    };
    Ok(Context {
        user,
        team,
        competition,
        standing,
    })
}

/// The submission stage's dates, and when judging starts (the first dated stage after
/// submission).
async fn windows(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<
    (
        Option<(DateTime<Utc>, DateTime<Utc>)>,
        Option<DateTime<Utc>>,
    ),
    AppError,
> {
    let stages = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?;
    let submission = stages
        .iter()
        .find(|s| s.stage == Stage::Submission)
        .map(|s| (s.starts_at, s.ends_at));
    let judging = stages
        .iter()
        .filter(|s| s.stage > Stage::Submission)
        .map(|s| s.starts_at)
        .min();
    Ok((submission, judging))
}

pub(crate) async fn proposal_of(
    db: &impl ConnectionTrait,
    team_id: i32,
) -> Result<Option<proposal::Model>, AppError> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team_id))
        .one(db)
        .await?)
}

/// The team's proposal, created as an empty draft on first save.
pub(crate) async fn proposal_for_writing(
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
        status: Set(DRAFT.to_string()),
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
fn editable(
    standing: Standing,
    row: Option<&proposal::Model>,
    submission: Option<(DateTime<Utc>, DateTime<Utc>)>,
    now: DateTime<Utc>,
) -> bool {
    standing != Standing::Reader
        && row.is_none_or(|p| p.status != SUBMITTED)
        && submission.is_none_or(|(_, ends)| now < ends)
}

/// The parts of the proposal in the order the editor shows them.
fn parts(
    sections: &[proposal_section::Model],
    lang: Lang,
) -> Vec<(String, String, PartKind, Option<i32>)> {
    let mut out = vec![
        (
            TITLE.to_string(),
            lang.text(Key::ProposalsTitleLabel).to_string(),
            PartKind::Line,
            None,
        ),
        (
            SUMMARY.to_string(),
            lang.text(Key::ProposalsSummaryLabel).to_string(),
            PartKind::Text,
            Some(SUMMARY_WORDS as i32),
        ),
    ];
    out.extend(sections.iter().map(|s| {
        (
            section_part(s.id),
            lang.pick(&s.title_id, &s.title_en).to_string(),
            PartKind::Text,
            Some(s.word_limit),
        )
    }));
    out.push((
        LINKS.to_string(),
        lang.text(Key::ProposalsLinksLabel).to_string(),
        PartKind::Links,
        None,
    ));
    out
}

async fn texts(
    db: &impl ConnectionTrait,
    proposal_id: Option<i32>,
) -> Result<HashMap<String, proposal_text::Model>, AppError> {
    let Some(id) = proposal_id else {
        return Ok(HashMap::new());
    };
    Ok(proposal_text::Entity::find()
        .filter(proposal_text::Column::ProposalId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.part.clone(), t))
        .collect())
}

/// The editor's data. Members edit; mentors, partners and organizers read.
pub async fn editor(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    lang: Lang,
) -> Result<ProposalEditor, AppError> {
    let ctx = context(db, by, team_id).await?;
    let sections = template(db, ctx.competition.id).await?;
    let row = proposal_of(db, team_id).await?;
    let stored = texts(db, row.as_ref().map(|p| p.id)).await?;
    let (submission, judging) = windows(db, ctx.competition.id).await?;
    let now = Utc::now();
    let parts = parts(&sections, lang)
        .into_iter()
        .map(|(part, label, kind, word_limit)| {
            let text = stored.get(&part);
            let body = text.map(|t| t.body.clone()).unwrap_or_default();
            PartView {
                words: word_count(&body),
                version: text.map(|t| t.version).unwrap_or(0),
                part,
                label,
                kind,
                word_limit,
                body,
            }
        })
        .collect();
    let attachments = match &row {
        Some(p) => attachment::Entity::find()
            .filter(attachment::Column::ProposalId.eq(p.id))
            .order_by_asc(attachment::Column::UploadedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|a| AttachmentView {
                id: a.id,
                file_name: a.file_name,
                content_type: a.content_type,
                size_bytes: a.size_bytes,
                sha256: a.sha256,
            })
            .collect(),
        None => Vec::new(),
    };
    let status = row
        .as_ref()
        .map(|p| p.status.clone())
        .unwrap_or_else(|| DRAFT.to_string());
    let (comments, can_comment) = crate::mentoring::service::for_team(db, by, team_id).await?;
    let decision = match &row {
        Some(p) => crate::dashboard::service::standing_decision(db, p.id).await?,
        None => None,
    };
    Ok(ProposalEditor {
        decision,
        is_member: ctx.standing != Standing::Reader,
        comments,
        can_comment,
        team_id,
        team_name: ctx.team.name.clone(),
        competition_slug: ctx.competition.slug.clone(),
        competition_title: lang
            .pick(&ctx.competition.title_id, &ctx.competition.title_en)
            .to_string(),
        editable: editable(ctx.standing, row.as_ref(), submission, now),
        is_lead: ctx.standing == Standing::Lead,
        submission_open: submission.is_some_and(|(starts, ends)| starts <= now && now < ends),
        can_withdraw: ctx.standing == Standing::Lead
            && status == SUBMITTED
            && judging.is_none_or(|j| now < j),
        deadline: submission.map(|(_, ends)| ends),
        submitted_at: row.as_ref().and_then(|p| p.submitted_at),
        sdgs: row
            .as_ref()
            .map(|p| parse_sdgs(&p.sdgs))
            .unwrap_or_default(),
        started_on: row
            .as_ref()
            .and_then(|p| p.started_on.clone())
            .unwrap_or_default(),
        meta_version: row.as_ref().map(|p| p.meta_version).unwrap_or(0),
        status,
        parts,
        attachments,
    })
}

/// Writes one part if nobody saved it since `base`; `None` when someone did.
async fn write_part(
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
async fn writable(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<(Context, Vec<proposal_section::Model>), AppError> {
    let ctx = context(db, by, team_id).await?;
    if ctx.standing == Standing::Reader {
        return Err(AppError::Forbidden);
    }
    let (submission, _) = windows(db, ctx.competition.id).await?;
    let row = proposal_of(db, team_id).await?;
    if !editable(ctx.standing, row.as_ref(), submission, Utc::now()) {
        let key = if row.is_some_and(|p| p.status == SUBMITTED) {
            Key::ProposalsErrorSubmittedLocked
        } else {
            Key::ProposalsErrorDeadlinePassed
        };
        return Err(AppError::field("proposal", key));
    }
    let sections = template(db, ctx.competition.id).await?;
    Ok((ctx, sections))
}

fn known_part(part: &str, sections: &[proposal_section::Model]) -> bool {
    [TITLE, SUMMARY, LINKS].contains(&part) || sections.iter().any(|s| section_part(s.id) == part)
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

/// The saved revisions of one part, newest first.
pub async fn history(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    part: &str,
    lang: Lang,
) -> Result<PartHistory, AppError> {
    let ctx = context(db, by, team_id).await?;
    let sections = template(db, ctx.competition.id).await?;
    let label = parts(&sections, lang)
        .into_iter()
        .find(|(p, ..)| p == part)
        .map(|(_, label, ..)| label)
        .ok_or(AppError::NotFound)?;
    let row = proposal_of(db, team_id).await?;
    let (submission, _) = windows(db, ctx.competition.id).await?;
    let (revisions, current_version) = match &row {
        Some(p) => {
            let revisions = proposal_revision::Entity::find()
                .filter(proposal_revision::Column::ProposalId.eq(p.id))
                .filter(proposal_revision::Column::Part.eq(part))
                .order_by_desc(proposal_revision::Column::Version)
                .find_also_related(user_account::Entity)
                .all(db)
                .await?
                .into_iter()
                .map(|(r, u)| RevisionView {
                    id: r.id,
                    version: r.version,
                    saved_at: r.saved_at,
                    saved_by: u.map(|u| u.name),
                    words: word_count(&r.body),
                    body: r.body,
                })
                .collect();
            let current = proposal_text::Entity::find()
                .filter(proposal_text::Column::ProposalId.eq(p.id))
                .filter(proposal_text::Column::Part.eq(part))
                .one(db)
                .await?
                .map(|t| t.version)
                .unwrap_or(0);
            (revisions, current)
        }
        None => (Vec::new(), 0),
    };
    Ok(PartHistory {
        team_id,
        team_name: ctx.team.name.clone(),
        part: part.to_string(),
        label,
        current_version,
        editable: editable(ctx.standing, row.as_ref(), submission, Utc::now()),
        revisions,
    })
}

/// Restores an earlier revision of a part as a new version (the history keeps all).
/// `base` is the version the history page showed as current.
#[tracing::instrument(skip(db, by))]
pub async fn restore(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    revision_id: i32,
    base: i32,
) -> Result<String, AppError> {
    let (ctx, _) = writable(db, by, team_id).await?;
    let row = proposal_of(db, team_id).await?.ok_or(AppError::NotFound)?;
    let revision = proposal_revision::Entity::find_by_id(revision_id)
        .one(db)
        .await?
        .filter(|r| r.proposal_id == row.id)
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin_write(db).await?;
    if write_part(
        &txn,
        row.id,
        &revision.part,
        base,
        &revision.body,
        ctx.user.id,
    )
    .await?
    .is_none()
    {
        return Err(AppError::field("revisions", Key::ProposalsErrorStale));
    }
    txn.commit().await?;
    Ok(revision.part)
}

/// Checks completeness and word limits, every problem at once, then submits. The lead
/// only, while the submission stage runs by the server clock.
#[tracing::instrument(skip(db, by))]
pub async fn submit(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<(), AppError> {
    let ctx = context(db, by, team_id).await?;
    if ctx.standing != Standing::Lead {
        return Err(AppError::Forbidden);
    }
    let (submission, _) = windows(db, ctx.competition.id).await?;
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
    if row.as_ref().is_some_and(|p| p.status == SUBMITTED) {
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
    let mut update: proposal::ActiveModel = row.into();
    update.status = Set(SUBMITTED.to_string());
    update.submitted_at = Set(Some(now));
    update.withdrawn_at = Set(None);
    update.update(db).await?;
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
    let ctx = context(db, by, team_id).await?;
    if ctx.standing != Standing::Lead {
        return Err(AppError::Forbidden);
    }
    let (_, judging) = windows(db, ctx.competition.id).await?;
    let now = Utc::now();
    if judging.is_some_and(|j| now >= j) {
        return Err(AppError::field(
            "proposal",
            Key::ProposalsErrorJudgingStarted,
        ));
    }
    let changed = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value(WITHDRAWN))
        .col_expr(proposal::Column::WithdrawnAt, Expr::value(now))
        .filter(proposal::Column::TeamId.eq(team_id))
        .filter(proposal::Column::Status.eq(SUBMITTED))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::field("proposal", Key::ProposalsErrorNotSubmitted));
    }
    Ok(())
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

/// Checks the reader may read the team's proposal (for attachment downloads).
pub async fn readable(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<(), AppError> {
    context(db, by, team_id).await.map(|_| ())
}
