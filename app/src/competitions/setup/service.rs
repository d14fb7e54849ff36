//! Creating, editing and publishing competitions. Every call checks its permission.
use std::collections::HashMap;

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::{
    format_criteria, format_local, format_options, format_prizes, parse_count, parse_criteria,
    parse_local, parse_options, parse_prizes, required_text, rubric_field, stage_field_name,
    CompetitionSetup, Criterion, Eligibility, ManageOverview, ManagedCompetition, PrizeLine, Slug,
    StageChange, StageDates, MAX_PARTNERS,
};
use super::{format_template, parse_template, SectionLine};
use crate::accounts::CurrentUser;
use crate::authz::service::{assign, authorize, can};
use crate::authz::{Action, Role};
use crate::competitions::service::{options, CATEGORY, GROUP};
use crate::competitions::{CompetitionKind, CompetitionStatus, Stage, StagePhase};
use crate::entities::{
    competition, competition_partner, competition_role, competition_stage, organization, prize,
    rubric_criterion, stage_event, user_account,
};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::organizations::OrganizationKind;

pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 600;
pub const LONG_TEXT_MAX: usize = 20_000;
pub const TEAM_LIMIT: i32 = 20;

fn title(row: &competition::Model, lang: Lang) -> String {
    match lang {
        Lang::Id => row.title_id.clone(),
        Lang::En => row.title_en.clone(),
    }
}

pub(crate) use crate::competitions::queries::by_slug;

/// The competition with this slug, if `by` may set it up.
async fn editable(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<(competition::Model, CurrentUser), AppError> {
    let row = by_slug(db, slug).await?;
    let by = authorize(
        db,
        by,
        Action::EditCompetition {
            competition_id: row.id,
        },
    )
    .await?;
    Ok((row, by))
}

/// The competitions the person organizes (every one, for admins).
pub async fn overview(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    lang: Lang,
) -> Result<ManageOverview, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let mut query = competition::Entity::find().order_by_desc(competition::Column::CreatedAt);
    if !user.is_admin {
        let ids: Vec<i32> = competition_role::Entity::find()
            .filter(competition_role::Column::UserId.eq(user.id))
            .filter(competition_role::Column::Role.eq(Role::Organizer))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.competition_id)
            .collect();
        query = query.filter(competition::Column::Id.is_in(ids));
    }
    let competitions = query
        .all(db)
        .await?
        .into_iter()
        .map(|row| ManagedCompetition {
            title: title(&row, lang),
            slug: row.slug,
            kind: row.kind,
            status: row.status,
        })
        .collect();
    Ok(ManageOverview {
        competitions,
        can_create: can(db, user, Action::CreateCompetition).await?,
    })
}

pub struct NewCompetition {
    pub title_id: String,
    pub title_en: String,
    pub slug: String,
    pub kind: String,
}

/// Creates a draft; its creator becomes an organizer. Returns the slug.
#[tracing::instrument(skip(db, by, form))]
pub async fn create(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    form: NewCompetition,
) -> Result<String, AppError> {
    let by = authorize(db, by, Action::CreateCompetition).await?;
    let mut errors = FieldErrors::new();
    for (field, value) in [
        ("new_title_id", &form.title_id),
        ("new_title_en", &form.title_en),
        ("new_slug", &form.slug),
        ("new_kind", &form.kind),
    ] {
        errors.keep(field, value);
    }
    let title_id = errors.check(
        "new_title_id",
        required_text(
            &form.title_id,
            TITLE_MAX,
            Key::SetupErrorTitleRequired,
            Key::SetupErrorTitleTooLong,
        ),
    );
    let title_en = errors.check(
        "new_title_en",
        required_text(
            &form.title_en,
            TITLE_MAX,
            Key::SetupErrorTitleRequired,
            Key::SetupErrorTitleTooLong,
        ),
    );
    let slug = errors.check("new_slug", Slug::parse(&form.slug));
    let kind = errors.check(
        "new_kind",
        CompetitionKind::parse(&form.kind).ok_or(Key::SetupErrorKindRequired),
    );
    if let Some(slug) = &slug {
        if competition::Entity::find()
            .filter(competition::Column::Slug.eq(slug.as_str()))
            .one(db)
            .await?
            .is_some()
        {
            errors.add("new_slug", Key::SetupErrorSlugTaken);
        }
    }
    let (Some(title_id), Some(title_en), Some(slug), Some(kind)) = (title_id, title_en, slug, kind)
    else {
        return Err(AppError::Validation(errors));
    };
    errors.finish()?;
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let row = competition::ActiveModel {
        slug: Set(slug.as_str().to_string()),
        kind: Set(kind),
        status: Set(CompetitionStatus::Draft),
        title_id: Set(title_id),
        title_en: Set(title_en),
        summary_id: Set(String::new()),
        summary_en: Set(String::new()),
        // Replaced by the registration stage's end once the timeline is set.
        registration_closes_at: Set(now + Duration::days(30)),
        created_at: Set(now),
        description_id: Set(String::new()),
        description_en: Set(String::new()),
        rules_id: Set(String::new()),
        rules_en: Set(String::new()),
        team_min: Set(1),
        team_max: Set(5),
        published_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    assign(&txn, row.id, by.id, Role::Organizer, Some(by.id), "create").await?;
    txn.commit().await?;
    Ok(row.slug)
}

/// Everything the setup page shows, for the competition's organizers.
pub async fn setup(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<CompetitionSetup, AppError> {
    let (row, _) = editable(db, by, slug).await?;
    setup_of(db, row).await
}

/// Everything the set-up forms show of a competition (no permission check: callers did).
pub(crate) async fn setup_of(
    db: &DatabaseConnection,
    row: competition::Model,
) -> Result<CompetitionSetup, AppError> {
    let dated: HashMap<Stage, competition_stage::Model> = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(row.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.stage, s))
        .collect();
    let required = row.kind.required_stages();
    let now = Utc::now();
    let changes = stage_changes(db, row.id).await?;
    let criteria = rubric(db, row.id).await?;
    let rubric = Stage::JUDGED
        .into_iter()
        .map(|stage| {
            let of_stage: Vec<Criterion> = criteria
                .iter()
                .filter(|(s, _)| *s == stage)
                .map(|(_, c)| c.clone())
                .collect();
            (stage, format_criteria(&of_stage))
        })
        .collect();
    let prizes = format_prizes(&prizes(db, row.id).await?);
    let template = format_template(
        &crate::proposals::service::template(db, row.id)
            .await?
            .into_iter()
            .map(|s| SectionLine {
                title_id: s.title_id,
                title_en: s.title_en,
                word_limit: s.word_limit,
            })
            .collect::<Vec<_>>(),
    );
    let partners = partners(db, row.id)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect::<Vec<_>>()
        .join("\n");
    let stages = Stage::ALL
        .into_iter()
        .map(|stage| StageDates {
            phase: dated
                .get(&stage)
                .map(|s| StagePhase::at(s.starts_at, s.ends_at, now)),
            stage,
            starts: dated
                .get(&stage)
                .map(|s| format_local(s.starts_at))
                .unwrap_or_default(),
            ends: dated
                .get(&stage)
                .map(|s| format_local(s.ends_at))
                .unwrap_or_default(),
            required: required.contains(&stage),
        })
        .collect();
    Ok(CompetitionSetup {
        categories: format_options(&options(db, row.id, CATEGORY).await?),
        groups: format_options(&options(db, row.id, GROUP).await?),
        stages,
        changes,
        eligibility: Eligibility {
            kinds: Eligibility::kinds_from_codes(&row.eligible_kinds),
            min_months_running: row.min_months_running,
            max_earlier_wins: row.max_earlier_wins,
        },
        rubric,
        prizes,
        partners,
        template,
        slug: row.slug,
        status: row.status,
        kind: row.kind,
        title_id: row.title_id,
        title_en: row.title_en,
        summary_id: row.summary_id,
        summary_en: row.summary_en,
        description_id: row.description_id,
        description_en: row.description_en,
        rules_id: row.rules_id,
        rules_en: row.rules_en,
        team_min: row.team_min,
        team_max: row.team_max,
    })
}

/// The details form, as sent.
pub struct DetailsForm {
    pub title_id: String,
    pub title_en: String,
    pub summary_id: String,
    pub summary_en: String,
    pub description_id: String,
    pub description_en: String,
    pub rules_id: String,
    pub rules_en: String,
    pub kind: String,
    pub team_min: String,
    pub team_max: String,
    pub categories: String,
    pub groups: String,
}

fn optional_text(input: &str) -> Result<String, Key> {
    let text = input.trim();
    if text.chars().count() > LONG_TEXT_MAX {
        Err(Key::SetupErrorTextTooLong)
    } else {
        Ok(text.to_string())
    }
}

fn team_size(input: &str) -> Result<i32, Key> {
    input
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=TEAM_LIMIT).contains(n))
        .ok_or(Key::SetupErrorTeamSize)
}

/// Saves titles, texts, kind, team limits, categories and groups; every problem at once.
#[tracing::instrument(skip(db, by, form))]
pub async fn save_details(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    form: DetailsForm,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    for (field, value) in [
        ("title_id", &form.title_id),
        ("title_en", &form.title_en),
        ("summary_id", &form.summary_id),
        ("summary_en", &form.summary_en),
        ("description_id", &form.description_id),
        ("description_en", &form.description_en),
        ("rules_id", &form.rules_id),
        ("rules_en", &form.rules_en),
        ("kind", &form.kind),
        ("team_min", &form.team_min),
        ("team_max", &form.team_max),
        ("categories", &form.categories),
        ("groups", &form.groups),
    ] {
        errors.keep(field, value);
    }
    let title = |text: &str| {
        required_text(
            text,
            TITLE_MAX,
            Key::SetupErrorTitleRequired,
            Key::SetupErrorTitleTooLong,
        )
    };
    let summary = |text: &str| {
        required_text(
            text,
            SUMMARY_MAX,
            Key::SetupErrorSummaryRequired,
            Key::SetupErrorSummaryTooLong,
        )
    };
    let title_id = errors.check("title_id", title(&form.title_id));
    let title_en = errors.check("title_en", title(&form.title_en));
    let summary_id = errors.check("summary_id", summary(&form.summary_id));
    let summary_en = errors.check("summary_en", summary(&form.summary_en));
    let description_id = errors.check("description_id", optional_text(&form.description_id));
    let description_en = errors.check("description_en", optional_text(&form.description_en));
    let rules_id = errors.check("rules_id", optional_text(&form.rules_id));
    let rules_en = errors.check("rules_en", optional_text(&form.rules_en));
    let kind = errors.check(
        "kind",
        CompetitionKind::parse(&form.kind).ok_or(Key::SetupErrorKindRequired),
    );
    let team_min = errors.check("team_min", team_size(&form.team_min));
    let team_max = errors.check("team_max", team_size(&form.team_max));
    if let (Some(min), Some(max)) = (team_min, team_max) {
        if min > max {
            errors.add("team_max", Key::SetupErrorTeamOrder);
        }
    }
    let categories = errors.check("categories", parse_options(&form.categories));
    let groups = errors.check("groups", parse_options(&form.groups));
    let (
        Some(title_id),
        Some(title_en),
        Some(summary_id),
        Some(summary_en),
        Some(description_id),
        Some(description_en),
        Some(rules_id),
        Some(rules_en),
        Some(kind),
        Some(team_min),
        Some(team_max),
        Some(categories),
        Some(groups),
    ) = (
        title_id,
        title_en,
        summary_id,
        summary_en,
        description_id,
        description_en,
        rules_id,
        rules_en,
        kind,
        team_min,
        team_max,
        categories,
        groups,
    )
    else {
        return Err(AppError::Validation(errors));
    };
    if errors.has_errors() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::begin_write(db).await?;
    let id = row.id;
    let mut row: competition::ActiveModel = row.into();
    row.title_id = Set(title_id);
    row.title_en = Set(title_en);
    row.summary_id = Set(summary_id);
    row.summary_en = Set(summary_en);
    row.description_id = Set(description_id);
    row.description_en = Set(description_en);
    row.rules_id = Set(rules_id);
    row.rules_en = Set(rules_en);
    row.kind = Set(kind);
    row.team_min = Set(team_min);
    row.team_max = Set(team_max);
    row.update(&txn).await?;
    super::options::save(&txn, id, CATEGORY, "categories", &categories, &errors).await?;
    super::options::save(&txn, id, GROUP, "groups", &groups, &errors).await?;
    txn.commit().await?;
    Ok(())
}

/// Saves the timeline: each stage either undated or with a start before its end, and no
/// stage starting before an earlier one. Registration's end is the registration deadline.
#[tracing::instrument(skip(db, by, fields))]
pub async fn save_timeline(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    let mut dated = Vec::new();
    for stage in Stage::ALL {
        let (start_key, end_key) = (
            stage_field_name(stage, false),
            stage_field_name(stage, true),
        );
        let starts = fields
            .get(&start_key)
            .map(String::as_str)
            .unwrap_or("")
            .trim();
        let ends = fields
            .get(&end_key)
            .map(String::as_str)
            .unwrap_or("")
            .trim();
        errors.keep(&start_key, starts);
        errors.keep(&end_key, ends);
        match (starts.is_empty(), ends.is_empty()) {
            (true, true) => continue,
            (true, false) => errors.add(&start_key, Key::SetupErrorDateMissing),
            (false, true) => errors.add(&end_key, Key::SetupErrorDateMissing),
            (false, false) => {
                let starts_at = errors.check(&start_key, parse_local(starts));
                let ends_at = errors.check(&end_key, parse_local(ends));
                if let (Some(starts_at), Some(ends_at)) = (starts_at, ends_at) {
                    if ends_at <= starts_at {
                        errors.add(&end_key, Key::SetupErrorDateOrder);
                    } else {
                        dated.push((stage, starts_at, ends_at));
                    }
                }
            }
        }
    }
    for pair in dated.windows(2) {
        if pair[1].1 < pair[0].1 {
            errors.add(
                &stage_field_name(pair[1].0, false),
                Key::SetupErrorStageOrder,
            );
        }
    }
    errors.finish()?;
    let txn = crate::db::begin_write(db).await?;
    competition_stage::Entity::delete_many()
        .filter(competition_stage::Column::CompetitionId.eq(row.id))
        .exec(&txn)
        .await?;
    if let Some((_, _, ends)) = dated.iter().find(|(s, _, _)| *s == Stage::Registration) {
        let mut update: competition::ActiveModel = row.clone().into();
        update.registration_closes_at = Set(*ends);
        update.update(&txn).await?;
    }
    let rows: Vec<competition_stage::ActiveModel> = dated
        .into_iter()
        .map(
            |(stage, starts_at, ends_at)| competition_stage::ActiveModel {
                competition_id: Set(row.id),
                stage: Set(stage),
                starts_at: Set(starts_at),
                ends_at: Set(ends_at),
                ..Default::default()
            },
        )
        .collect();
    if !rows.is_empty() {
        competition_stage::Entity::insert_many(rows)
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Publishes a complete draft. Every missing piece is reported at once, at its field.
#[tracing::instrument(skip(db, by))]
pub async fn publish(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<(), AppError> {
    let current = setup(db, by, slug).await?;
    let row = by_slug(db, slug).await?;
    let mut errors = FieldErrors::new();
    if current.summary_id.is_empty() {
        errors.add("summary_id", Key::SetupErrorSummaryRequired);
    }
    if current.summary_en.is_empty() {
        errors.add("summary_en", Key::SetupErrorSummaryRequired);
    }
    if current.description_id.is_empty() {
        errors.add("description_id", Key::SetupErrorDescriptionRequired);
    }
    if current.description_en.is_empty() {
        errors.add("description_en", Key::SetupErrorDescriptionRequired);
    }
    if current.categories.is_empty() {
        errors.add("categories", Key::SetupErrorCategoriesRequired);
    }
    for stage in &current.stages {
        if stage.required && stage.starts.is_empty() {
            errors.add(
                &stage_field_name(stage.stage, false),
                Key::SetupErrorStageRequired,
            );
        }
    }
    let registration_open = current
        .stages
        .iter()
        .find(|s| s.stage == Stage::Registration && !s.ends.is_empty())
        .is_none_or(|_| row.registration_closes_at > Utc::now());
    if !registration_open {
        errors.add(
            &stage_field_name(Stage::Registration, true),
            Key::SetupErrorRegistrationPast,
        );
    }
    errors.finish()?;
    if row.status == CompetitionStatus::Published {
        return Ok(());
    }
    let mut row: competition::ActiveModel = row.into();
    row.status = Set(CompetitionStatus::Published);
    row.published_at = Set(Some(Utc::now()));
    row.update(db).await?;
    Ok(())
}

/// The competition's explicit stage changes, newest first, with who made them.
async fn stage_changes(
    db: &DatabaseConnection,
    competition_id: i32,
) -> Result<Vec<StageChange>, AppError> {
    let rows = stage_event::Entity::find()
        .filter(stage_event::Column::CompetitionId.eq(competition_id))
        .order_by_desc(stage_event::Column::At)
        .order_by_desc(stage_event::Column::Id)
        .find_also_related(user_account::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(event, user)| StageChange {
            stage: event.stage,
            action: event.action,
            planned_at: event.planned_at,
            at: event.at,
            by: user.map(|u| u.name),
        })
        .collect())
}

/// Starts an upcoming stage now, or ends a running one now, instead of at its planned
/// date; the change is recorded with who made it and the date it replaced. Ending
/// registration also closes team registration.
#[tracing::instrument(skip(db, by))]
pub async fn change_stage(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: Stage,
    end: bool,
) -> Result<(), AppError> {
    let (row, by) = editable(db, by, slug).await?;
    let field = stage_field_name(stage, end);
    let timeline = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(row.id))
        .all(db)
        .await?;
    let dated = timeline
        .iter()
        .find(|s| s.stage == stage)
        .ok_or_else(|| AppError::field(&field, Key::SetupErrorStageUndated))?
        .clone();
    let now = Utc::now();
    let phase = StagePhase::at(dated.starts_at, dated.ends_at, now);
    let expected = if end {
        StagePhase::Running
    } else {
        StagePhase::Upcoming
    };
    if phase != expected {
        return Err(AppError::field(&field, Key::SetupErrorStageState));
    }
    // Starting now must not put this stage before a stage that comes earlier.
    if !end
        && timeline
            .iter()
            .any(|s| s.stage < stage && s.starts_at > now)
    {
        return Err(AppError::field(&field, Key::SetupErrorStageOrder));
    }
    let planned_at = if end { dated.ends_at } else { dated.starts_at };
    let txn = crate::db::begin_write(db).await?;
    let mut update: competition_stage::ActiveModel = dated.into();
    if end {
        update.ends_at = Set(now);
    } else {
        update.starts_at = Set(now);
    }
    update.update(&txn).await?;
    if end && stage == Stage::Registration {
        let mut competition: competition::ActiveModel = row.clone().into();
        competition.registration_closes_at = Set(now);
        competition.update(&txn).await?;
    }
    stage_event::ActiveModel {
        competition_id: Set(row.id),
        stage: Set(stage),
        action: Set(if end { "end" } else { "start" }.to_string()),
        planned_at: Set(planned_at),
        at: Set(now),
        by_user_id: Set(Some(by.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Saves who may enter. At least one kind of organization; months from 0 to 120 (empty:
/// 0); earlier wins from 0 to 50 (empty: no limit).
#[tracing::instrument(skip(db, by, kinds))]
pub async fn save_eligibility(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    kinds: &HashMap<String, String>,
    min_months_running: &str,
    max_earlier_wins: &str,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    let chosen: Vec<OrganizationKind> = OrganizationKind::ALL
        .into_iter()
        .filter(|k| kinds.contains_key(k.code()))
        .collect();
    errors.keep("eligible", &Eligibility::kinds_to_codes(&chosen));
    errors.keep("min_months_running", min_months_running);
    errors.keep("max_earlier_wins", max_earlier_wins);
    if chosen.is_empty() {
        errors.add("eligible", Key::SetupErrorKindsRequired);
    }
    let months = errors.check(
        "min_months_running",
        parse_count(min_months_running, 0..=120, Key::SetupErrorMonths),
    );
    let wins = errors.check(
        "max_earlier_wins",
        parse_count(max_earlier_wins, 0..=50, Key::SetupErrorWins),
    );
    let (Some(months), Some(wins)) = (months, wins) else {
        return Err(AppError::Validation(errors));
    };
    errors.finish()?;
    let mut row: competition::ActiveModel = row.into();
    row.eligible_kinds = Set(Eligibility::kinds_to_codes(&chosen));
    row.min_months_running = Set(months.unwrap_or(0));
    row.max_earlier_wins = Set(wins);
    row.update(db).await?;
    Ok(())
}

/// A competition's rubric criteria, stage by stage in the organizer's order.
pub async fn rubric(
    db: &DatabaseConnection,
    competition_id: i32,
) -> Result<Vec<(Stage, Criterion)>, AppError> {
    Ok(rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::CompetitionId.eq(competition_id))
        .order_by_asc(rubric_criterion::Column::Stage)
        .order_by_asc(rubric_criterion::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            (
                c.stage,
                Criterion {
                    name_id: c.name_id,
                    name_en: c.name_en,
                    weight: c.weight,
                    scale_min: c.scale_min,
                    scale_max: c.scale_max,
                    description_id: c.description_id,
                    description_en: c.description_en,
                },
            )
        })
        .collect())
}

/// A competition's prizes in the organizer's order.
pub async fn prizes(
    db: &DatabaseConnection,
    competition_id: i32,
) -> Result<Vec<PrizeLine>, AppError> {
    Ok(prize::Entity::find()
        .filter(prize::Column::CompetitionId.eq(competition_id))
        .order_by_asc(prize::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| PrizeLine {
            name_id: p.name_id,
            name_en: p.name_en,
            reward: p.reward,
        })
        .collect())
}

/// A competition's partner organizations in the organizer's order.
pub async fn partners(
    db: &DatabaseConnection,
    competition_id: i32,
) -> Result<Vec<organization::Model>, AppError> {
    Ok(competition_partner::Entity::find()
        .filter(competition_partner::Column::CompetitionId.eq(competition_id))
        .order_by_asc(competition_partner::Column::Position)
        .find_also_related(organization::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(_, o)| o)
        .collect())
}

/// Saves the rubric of every judged stage (`rubric_desk_evaluation` and so on); a stage
/// left empty has no rubric. Every stage's problem is shown at once.
#[tracing::instrument(skip(db, by, fields))]
pub async fn save_rubric(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    let mut parsed = Vec::new();
    for stage in Stage::JUDGED {
        let field = rubric_field(stage);
        let text = fields.get(&field).map(String::as_str).unwrap_or("");
        errors.keep(&field, text);
        if let Some(criteria) = errors.check(&field, parse_criteria(text)) {
            parsed.push((stage, criteria));
        }
    }
    errors.finish()?;
    let txn = crate::db::begin_write(db).await?;
    rubric_criterion::Entity::delete_many()
        .filter(rubric_criterion::Column::CompetitionId.eq(row.id))
        .exec(&txn)
        .await?;
    let rows: Vec<rubric_criterion::ActiveModel> = parsed
        .into_iter()
        .flat_map(|(stage, criteria)| {
            criteria.into_iter().enumerate().map(move |(position, c)| {
                rubric_criterion::ActiveModel {
                    competition_id: Set(row.id),
                    stage: Set(stage),
                    position: Set(position as i32),
                    name_id: Set(c.name_id),
                    name_en: Set(c.name_en),
                    description_id: Set(c.description_id),
                    description_en: Set(c.description_en),
                    weight: Set(c.weight),
                    scale_min: Set(c.scale_min),
                    scale_max: Set(c.scale_max),
                    ..Default::default()
                }
            })
        })
        .collect();
    if !rows.is_empty() {
        rubric_criterion::Entity::insert_many(rows)
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Saves the prizes and the partner organizations (named exactly as registered).
#[tracing::instrument(skip(db, by, prize_text, partner_text))]
pub async fn save_prizes_partners(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    prize_text: &str,
    partner_text: &str,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    errors.keep("prizes", prize_text);
    errors.keep("partners", partner_text);
    let prizes = errors.check("prizes", parse_prizes(prize_text));
    let mut partner_ids: Vec<i32> = Vec::new();
    let names: Vec<&str> = partner_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if names.len() > MAX_PARTNERS {
        errors.add("partners", Key::SetupErrorPartnerTooMany);
    } else {
        for name in names {
            match crate::organizations::service::find_by_name(db, name).await? {
                Some(org) if !partner_ids.contains(&org.id) => partner_ids.push(org.id),
                Some(_) => {}
                None => {
                    errors.add("partners", Key::SetupErrorPartnerUnknown);
                    break;
                }
            }
        }
    }
    let Some(prizes) = prizes else {
        return Err(AppError::Validation(errors));
    };
    errors.finish()?;
    let txn = crate::db::begin_write(db).await?;
    prize::Entity::delete_many()
        .filter(prize::Column::CompetitionId.eq(row.id))
        .exec(&txn)
        .await?;
    competition_partner::Entity::delete_many()
        .filter(competition_partner::Column::CompetitionId.eq(row.id))
        .exec(&txn)
        .await?;
    if !prizes.is_empty() {
        prize::Entity::insert_many(prizes.into_iter().enumerate().map(|(position, p)| {
            prize::ActiveModel {
                competition_id: Set(row.id),
                position: Set(position as i32),
                name_id: Set(p.name_id),
                name_en: Set(p.name_en),
                reward: Set(p.reward),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    if !partner_ids.is_empty() {
        competition_partner::Entity::insert_many(partner_ids.into_iter().enumerate().map(
            |(position, organization_id)| competition_partner::ActiveModel {
                competition_id: Set(row.id),
                organization_id: Set(organization_id),
                position: Set(position as i32),
                ..Default::default()
            },
        ))
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Saves the proposal template: line n replaces section n (texts written for it stay
/// attached), extra lines add sections, missing lines remove them. Refused once a
/// proposal has been submitted, so every team answers the same questions.
#[tracing::instrument(skip(db, by, text))]
pub async fn save_template(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    text: &str,
) -> Result<(), AppError> {
    use crate::entities::{proposal, proposal_section};
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    errors.keep("template", text);
    let sections = errors.check("template", parse_template(text));
    let submitted = proposal::Entity::find()
        .filter(proposal::Column::CompetitionId.eq(row.id))
        .filter(proposal::Column::Status.eq(crate::proposals::SUBMITTED))
        .one(db)
        .await?
        .is_some();
    if submitted {
        errors.add("template", Key::SetupErrorTemplateLocked);
    }
    let Some(sections) = sections.filter(|_| !errors.has_errors()) else {
        return Err(AppError::Validation(errors));
    };
    let existing = crate::proposals::service::template(db, row.id).await?;
    let txn = crate::db::begin_write(db).await?;
    for old in existing.iter().skip(sections.len()) {
        proposal_section::Entity::delete_by_id(old.id)
            .exec(&txn)
            .await?;
    }
    for (position, line) in sections.into_iter().enumerate() {
        match existing.get(position) {
            Some(old) => {
                let mut update: proposal_section::ActiveModel = old.clone().into();
                update.title_id = Set(line.title_id);
                update.title_en = Set(line.title_en);
                update.word_limit = Set(line.word_limit);
                update.update(&txn).await?;
            }
            None => {
                proposal_section::ActiveModel {
                    competition_id: Set(row.id),
                    position: Set(position as i32),
                    title_id: Set(line.title_id),
                    title_en: Set(line.title_en),
                    word_limit: Set(line.word_limit),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}
