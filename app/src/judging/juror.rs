//! A juror's own desk: the competitions they judge with their assignments (never anyone
//! else's), the categories they know, and conflicts they declare.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::queries::{conflicts, entries, Entry};
use super::{JurorCompetition, JurorDesk, MyAssignment};
use crate::accounts::CurrentUser;
use crate::authz::service::{authorize, has_role};
use crate::authz::{Action, Role};
use crate::competitions::OptionKind;
use crate::entities::{competition, competition_role, juror_expertise, score_sheet};
use crate::error::AppError;
use crate::i18n::Lang;

/// The competition `slug` for one of its jurors (holding the role: an admin is not a
/// juror by being an admin).
async fn judged(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<(competition::Model, CurrentUser), AppError> {
    let row = crate::competitions::queries::by_slug(db, slug).await?;
    let user = authorize(
        db,
        by,
        Action::Judge {
            competition_id: row.id,
        },
    )
    .await?;
    if !has_role(db, user.id, row.id, Role::Juror).await? {
        return Err(AppError::Forbidden);
    }
    Ok((row, user))
}

async fn my_assignments(
    db: &DatabaseConnection,
    competition_id: i32,
    juror: i32,
    lang: Lang,
) -> Result<Vec<MyAssignment>, AppError> {
    let entries: HashMap<i32, Entry> = entries(db, competition_id, None)
        .await?
        .into_iter()
        .map(|e| (e.proposal_id, e))
        .collect();
    let options = crate::competitions::queries::option_names(db, competition_id, lang).await?;
    let states: HashMap<i32, super::SheetState> = score_sheet::Entity::find()
        .filter(score_sheet::Column::CompetitionId.eq(competition_id))
        .filter(score_sheet::Column::JurorId.eq(juror))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.assignment_id, s.state))
        .collect();
    let mut out: Vec<MyAssignment> = Vec::new();
    for stage in crate::competitions::Stage::JUDGED {
        let blind = super::settings::load(db, competition_id, stage)
            .await?
            .blind;
        let slots = super::slots::of_stage(db, competition_id, stage).await?;
        for a in super::assignments::active(db, competition_id, stage).await? {
            if a.juror_id != juror {
                continue;
            }
            let Some(e) = entries.get(&a.proposal_id) else {
                continue;
            };
            out.push(MyAssignment {
                assignment_id: a.id,
                state: states.get(&a.id).copied(),
                stage,
                title: label(e, blind, lang),
                category: e
                    .team
                    .category_option_id
                    .and_then(|c| options.get(&c).cloned())
                    .unwrap_or_default(),
                slot: slots
                    .get(&a.proposal_id)
                    .map(|s| (s.starts_at, s.minutes, s.place.clone())),
            });
        }
    }
    Ok(out)
}

/// How a juror's pages name an entry: the team and the title, or the title alone when
/// judging is blind (a proposal without one by its number).
fn label(e: &Entry, blind: bool, lang: Lang) -> String {
    if !blind {
        return super::conflicts::entry_label(e);
    }
    if e.title.trim().is_empty() {
        lang.format(
            crate::i18n::Key::JudgingUntitled,
            &[("n", &e.proposal_id.to_string())],
        )
    } else {
        e.title.clone()
    }
}

/// `/penilaian`: every competition the person judges, with their assignments.
pub async fn mine(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    lang: Lang,
) -> Result<Vec<JurorCompetition>, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let ids: Vec<i32> = competition_role::Entity::find()
        .filter(competition_role::Column::UserId.eq(user.id))
        .filter(competition_role::Column::Role.eq(Role::Juror))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.competition_id)
        .collect();
    let mut out = Vec::new();
    for row in competition::Entity::find()
        .filter(competition::Column::Id.is_in(ids))
        .all(db)
        .await?
    {
        out.push(JurorCompetition {
            slug: row.slug.clone(),
            title: lang.pick(&row.title_id, &row.title_en).to_string(),
            assignments: my_assignments(db, row.id, user.id, lang).await?,
        });
    }
    out.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(out)
}

/// `/penilaian/{slug}`.
pub async fn desk(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    lang: Lang,
) -> Result<JurorDesk, AppError> {
    let (competition, user) = judged(db, by, slug).await?;
    let chosen: Vec<i32> = super::assignments::expertise(db, competition.id)
        .await?
        .remove(&user.id)
        .unwrap_or_default();
    let entries = entries(db, competition.id, None).await?;
    let pairs = conflicts(db, competition.id, &[user.id], &entries).await?;
    // Blind in any stage: the desk names no team anywhere.
    let mut blind = false;
    for stage in crate::competitions::Stage::JUDGED {
        blind |= super::settings::load(db, competition.id, stage)
            .await?
            .blind;
    }
    Ok(JurorDesk {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        assignments: my_assignments(db, competition.id, user.id, lang).await?,
        categories: crate::competitions::queries::option_rows(
            db,
            competition.id,
            OptionKind::Category,
        )
        .await?
        .into_iter()
        .map(|o| {
            let known = chosen.contains(&o.id);
            (o.id, lang.pick(&o.name_id, &o.name_en).to_string(), known)
        })
        .collect(),
        conflicts: entries
            .iter()
            .filter_map(|e| {
                let reasons = pairs.get(&(user.id, e.proposal_id))?.reasons.clone();
                (!reasons.is_empty()).then(|| (label(e, blind, lang), reasons))
            })
            .collect(),
        entries: entries
            .iter()
            .map(|e| (e.proposal_id, label(e, blind, lang)))
            .collect(),
    })
}

/// The juror declares a conflict with an entry, with a reason.
pub async fn declare(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    proposal: i32,
    reason: &str,
) -> Result<(), AppError> {
    let (competition, user) = judged(db, by, slug).await?;
    super::conflicts::declare(db, competition.id, user.id, proposal, reason).await
}

/// The juror states the categories they know (replacing what they said before); ids that
/// are not this competition's categories are ignored.
pub async fn set_expertise(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    chosen: &[i32],
) -> Result<(), AppError> {
    let (competition, user) = judged(db, by, slug).await?;
    let categories: Vec<i32> =
        crate::competitions::queries::option_rows(db, competition.id, OptionKind::Category)
            .await?
            .into_iter()
            .map(|o| o.id)
            .filter(|id| chosen.contains(id))
            .collect();
    let txn = crate::db::begin_write(db).await?;
    juror_expertise::Entity::delete_many()
        .filter(juror_expertise::Column::CompetitionId.eq(competition.id))
        .filter(juror_expertise::Column::JurorId.eq(user.id))
        .exec(&txn)
        .await?;
    if !categories.is_empty() {
        juror_expertise::Entity::insert_many(categories.into_iter().map(|option_id| {
            juror_expertise::ActiveModel {
                competition_id: sea_orm::Set(competition.id),
                juror_id: sea_orm::Set(user.id),
                option_id: sea_orm::Set(option_id),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
