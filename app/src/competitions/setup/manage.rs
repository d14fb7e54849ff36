//! The organizers' list of their competitions, and creating a new draft (admins and
//! whoever may create one; the creator becomes its organizer).
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::details::TITLE_MAX;
use super::fields::{required_text, Slug};
use super::{ManageOverview, ManagedCompetition};
use crate::accounts::CurrentUser;
use crate::authz::record::assign;
use crate::authz::service::{authorize, can};
use crate::authz::{Action, Role};
use crate::competitions::{CompetitionKind, CompetitionStatus};
use crate::entities::{competition, competition_role};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};

fn title(row: &competition::Model, lang: Lang) -> String {
    match lang {
        Lang::Id => row.title_id.clone(),
        Lang::En => row.title_en.clone(),
    }
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
    // Left empty, the address comes from the Indonesian title (numbered when taken);
    // typed, it is the organizer's and a taken one is refused.
    let derived = form.slug.trim().is_empty();
    let mut slug = errors.check(
        "new_slug",
        Slug::parse(&if derived {
            Slug::from_title(&form.title_id)
        } else {
            form.slug.clone()
        }),
    );
    let kind = errors.check(
        "new_kind",
        CompetitionKind::parse(&form.kind).ok_or(Key::SetupErrorKindRequired),
    );
    if let Some(wanted) = slug.clone() {
        let taken = |candidate: String| async move {
            competition::Entity::find()
                .filter(competition::Column::Slug.eq(candidate))
                .one(db)
                .await
                .map(|row| row.is_some())
        };
        if taken(wanted.as_str().to_string()).await? {
            slug = None;
            if derived {
                for n in 2..=20 {
                    let candidate = format!("{}-{n}", wanted.as_str());
                    if !taken(candidate.clone()).await? {
                        slug = Slug::parse(&candidate).ok();
                        break;
                    }
                }
            }
            if slug.is_none() {
                errors.add("new_slug", Key::SetupErrorSlugTaken);
            }
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
