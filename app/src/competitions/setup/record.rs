//! A published competition's set-up changes on the record. Every save of the set-up forms
//! runs through [`on_the_record`]: when the competition is published (or is being
//! published), the part that changed is kept as it was before and after, with who and
//! when (`competition_audit`), and a moved registration or submission deadline is mailed
//! to every member of every team.
use std::future::Future;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::fields::parse_local;
use super::read::setup_of;
use super::CompetitionSetup;
use crate::accounts::CurrentUser;
use crate::competitions::queries::by_slug;
use crate::competitions::{CompetitionStatus, Stage};
use crate::entities::{competition, competition_audit, team_member, user_account};
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;

/// The parts of a competition's set-up, each saved by one form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Details,
    Timeline,
    Eligibility,
    Rubric,
    Prizes,
    Template,
    Status,
}

impl Area {
    pub fn code(self) -> &'static str {
        match self {
            Area::Details => "details",
            Area::Timeline => "timeline",
            Area::Eligibility => "eligibility",
            Area::Rubric => "rubric",
            Area::Prizes => "prizes",
            Area::Template => "template",
            Area::Status => "status",
        }
    }
}

/// The part of the set-up `area` covers, as it is kept on the record.
fn section(setup: &CompetitionSetup, area: Area) -> serde_json::Value {
    match area {
        Area::Details => json!({
            "kind": setup.kind, "title_id": setup.title_id, "title_en": setup.title_en,
            "summary_id": setup.summary_id, "summary_en": setup.summary_en,
            "description_id": setup.description_id, "description_en": setup.description_en,
            "rules_id": setup.rules_id, "rules_en": setup.rules_en,
            "team_min": setup.team_min, "team_max": setup.team_max,
            "categories": setup.categories, "groups": setup.groups,
        }),
        // The dates, not where they stand today.
        Area::Timeline => json!(setup
            .stages
            .iter()
            .map(|s| json!({"stage": s.stage, "starts": s.starts, "ends": s.ends}))
            .collect::<Vec<_>>()),
        Area::Eligibility => json!(setup.eligibility),
        Area::Rubric => json!(setup.rubric),
        Area::Prizes => json!({"prizes": setup.prizes, "partners": setup.partners}),
        Area::Template => json!(setup.template),
        Area::Status => json!(setup.status),
    }
}

fn ends(setup: &CompetitionSetup, stage: Stage) -> String {
    setup
        .stages
        .iter()
        .find(|s| s.stage == stage)
        .map(|s| s.ends.clone())
        .unwrap_or_default()
}

/// Runs `change` (a save that checks its own permission) and, for a published
/// competition, records what it changed.
pub async fn on_the_record<T>(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    area: Area,
    base_url: &str,
    change: impl Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let before = match by_slug(db, slug).await {
        Ok(row) => Some((row.id, setup_of(db, row).await?)),
        Err(_) => None,
    };
    let out = change.await?;
    let Some((id, before)) = before else {
        return Ok(out);
    };
    let Some(row) = competition::Entity::find_by_id(id).one(db).await? else {
        return Ok(out);
    };
    let after = setup_of(db, row.clone()).await?;
    let published = |s: &CompetitionSetup| s.status == CompetitionStatus::Published;
    if !published(&before) && !published(&after) {
        return Ok(out);
    }
    let (old, new) = (section(&before, area), section(&after, area));
    if old == new {
        return Ok(out);
    }
    let txn = crate::db::begin_write(db).await?;
    competition_audit::ActiveModel {
        competition_id: Set(row.id),
        area: Set(area.code().to_string()),
        before: Set(old.to_string()),
        after: Set(new.to_string()),
        by_user_id: Set(by.map(|u| u.id)),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if published(&before) && area == Area::Timeline {
        for stage in [Stage::Registration, Stage::Submission] {
            let (was, is) = (ends(&before, stage), ends(&after, stage));
            if was != is && !is.is_empty() {
                announce_deadline(&txn, &row, stage, &was, &is, base_url).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(out)
}

/// Mails every member of every team that a deadline moved.
async fn announce_deadline(
    txn: &impl sea_orm::ConnectionTrait,
    row: &competition::Model,
    stage: Stage,
    was: &str,
    is: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let members: Vec<i32> = team_member::Entity::find()
        .filter(team_member::Column::CompetitionId.eq(row.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    if members.is_empty() {
        return Ok(());
    }
    let people = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(members))
        .all(txn)
        .await?;
    // The form's WIB text back to a moment, said in the reader's language.
    let when = |lang: Lang, text: &str| match parse_local(text) {
        Ok(at) => lang.datetime(at),
        Err(_) => "—".to_string(),
    };
    for person in people {
        let lang = Lang::parse(&person.lang).unwrap_or_default();
        let title = lang.pick(&row.title_id, &row.title_en).to_string();
        mail::enqueue(
            txn,
            &person.email,
            lang,
            Key::MailDeadlineMovedSubject,
            Key::MailDeadlineMovedBody,
            &[
                ("name", &person.name),
                ("competition", &title),
                ("stage", lang.text(stage.label())),
                ("before", &when(lang, was)),
                ("after", &when(lang, is)),
                ("link", &format!("{base_url}/kompetisi/{}", row.slug)),
            ],
        )
        .await?;
    }
    Ok(())
}
