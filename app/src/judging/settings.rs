//! A judged stage's settings, chosen before scoring opens: blind reading, when a juror
//! sees the others' scores, the tie-break criterion, normalisation's minimum sample and
//! what ranks (raw or normalised) are fixed once it opens (the stage's start date has
//! passed; for an undated stage, jurors are assigned; or a juror saved a sheet); the
//! divergence threshold only flags and stays open. Every change is on the record.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

use super::audit::{self, Entry};
use super::queries::{judged_stage, managed};
use super::{PeerVisibility, RankBy, SettingsView};
use crate::accounts::CurrentUser;
use crate::competitions::Stage;
use crate::entities::{competition_stage, judging_stage, rubric_criterion, score_sheet};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};

/// The stage's settings as stored, or the defaults when none were saved.
pub async fn load(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
) -> Result<judging_stage::Model, AppError> {
    Ok(judging_stage::Entity::find()
        .filter(judging_stage::Column::CompetitionId.eq(competition_id))
        .filter(judging_stage::Column::Stage.eq(stage))
        .one(db)
        .await?
        .unwrap_or(judging_stage::Model {
            id: 0,
            competition_id,
            stage,
            closed_at: None,
            closed_by: None,
            blind: false,
            peer_visibility: PeerVisibility::AfterOwn,
            tie_criterion_id: None,
            min_sample: 3,
            divergence_milli: 15_000,
            rank_by: RankBy::Normalised,
        }))
}

/// Whether scoring has opened on the stage.
pub async fn scoring_opened(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
) -> Result<bool, AppError> {
    let started = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(competition_id))
        .filter(competition_stage::Column::Stage.eq(stage))
        .one(db)
        .await?
        .is_some_and(|s| s.starts_at <= chrono::Utc::now());
    if started {
        return Ok(true);
    }
    // An undated stage opens when jurors are assigned to it.
    let undated = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(competition_id))
        .filter(competition_stage::Column::Stage.eq(stage))
        .one(db)
        .await?
        .is_none();
    if undated
        && !super::assignments::active(db, competition_id, stage)
            .await?
            .is_empty()
    {
        return Ok(true);
    }
    let sheets = score_sheet::Entity::find()
        .filter(score_sheet::Column::CompetitionId.eq(competition_id))
        .filter(score_sheet::Column::Stage.eq(stage))
        .count(db)
        .await?;
    Ok(sheets > 0)
}

/// The stage's criteria (id, name), in the rubric's order.
pub async fn criteria(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
) -> Result<Vec<rubric_criterion::Model>, AppError> {
    use sea_orm::QueryOrder;
    Ok(rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::CompetitionId.eq(competition_id))
        .filter(rubric_criterion::Column::Stage.eq(stage))
        .order_by_asc(rubric_criterion::Column::Position)
        .all(db)
        .await?)
}

/// What the settings form shows.
pub async fn view(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
    lang: Lang,
) -> Result<SettingsView, AppError> {
    let row = load(db, competition_id, stage).await?;
    Ok(SettingsView {
        blind: row.blind,
        peer_visibility: row.peer_visibility,
        tie_criterion: row.tie_criterion_id,
        min_sample: row.min_sample,
        divergence_milli: row.divergence_milli,
        rank_by: row.rank_by,
        locked: scoring_opened(db, competition_id, stage).await?,
        criteria: criteria(db, competition_id, stage)
            .await?
            .into_iter()
            .map(|c| (c.id, lang.pick(&c.name_id, &c.name_en).to_string()))
            .collect(),
    })
}

/// Reads a number of points with at most three decimals ("15", "7.5", "7,5") as
/// milli-points.
pub fn parse_points(text: &str) -> Option<i64> {
    let text = text.trim().replace(',', ".");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() || whole.len() > 6 || fraction.len() > 3 {
        return None;
    }
    if !whole
        .chars()
        .chain(fraction.chars())
        .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<3}").parse().ok()?;
    Some(whole * 1000 + fraction)
}

/// The form's fields, as posted.
pub struct SettingsForm<'a> {
    pub blind: bool,
    pub peer_visibility: &'a str,
    pub tie_criterion: &'a str,
    pub min_sample: &'a str,
    pub divergence: &'a str,
    pub rank_by: &'a str,
}

fn describe(row: &judging_stage::Model) -> String {
    format!(
        "blind={} peers={} tie={} min_sample={} divergence_milli={} rank_by={}",
        row.blind,
        row.peer_visibility.code(),
        row.tie_criterion_id
            .map(|c| c.to_string())
            .unwrap_or_else(|| "-".into()),
        row.min_sample,
        row.divergence_milli,
        row.rank_by.code()
    )
}

/// Saves a stage's settings (see the module's comment for what is fixed when).
#[tracing::instrument(skip(db, by, form))]
pub async fn save(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    form: SettingsForm<'_>,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    let stage = judged_stage(stage)?;
    let mut errors = FieldErrors::new();
    errors.keep("peer_visibility", form.peer_visibility);
    errors.keep("tie_criterion", form.tie_criterion);
    errors.keep("min_sample", form.min_sample);
    errors.keep("divergence", form.divergence);
    errors.keep("rank_by", form.rank_by);
    let peers = PeerVisibility::parse(form.peer_visibility);
    if peers.is_none() {
        errors.add("peer_visibility", Key::JudgingErrorChoice);
    }
    let rank_by = RankBy::parse(form.rank_by);
    if rank_by.is_none() {
        errors.add("rank_by", Key::JudgingErrorChoice);
    }
    let criteria = criteria(db, competition.id, stage).await?;
    let stored_tie = load(db, competition.id, stage).await?.tie_criterion_id;
    let tie = match form.tie_criterion.trim() {
        "" => Some(None),
        text => text
            .parse::<i32>()
            .ok()
            // The stored choice stays acceptable as it is (the fixed form posts it back).
            .filter(|id| Some(*id) == stored_tie || criteria.iter().any(|c| c.id == *id))
            .map(Some),
    };
    if tie.is_none() {
        errors.add("tie_criterion", Key::JudgingErrorChoice);
    }
    let min_sample = form
        .min_sample
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (2..=100).contains(n));
    if min_sample.is_none() {
        errors.add("min_sample", Key::JudgingErrorMinSample);
    }
    let divergence = parse_points(form.divergence).filter(|m| *m <= 100_000);
    if divergence.is_none() {
        errors.add("divergence", Key::JudgingErrorPoints);
    }
    let (Some(peers), Some(rank_by), Some(tie), Some(min_sample), Some(divergence)) =
        (peers, rank_by, tie, min_sample, divergence)
    else {
        return Err(AppError::Validation(errors));
    };
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    let before = load(&txn, competition.id, stage).await?;
    let fixed_changed = before.blind != form.blind
        || before.peer_visibility != peers
        || before.tie_criterion_id != tie
        || before.min_sample != min_sample
        || before.rank_by != rank_by;
    if fixed_changed && scoring_opened(&txn, competition.id, stage).await? {
        errors.add("blind", Key::JudgingErrorSettingsLocked);
        return Err(AppError::Validation(errors));
    }
    let mut after = before.clone();
    after.blind = form.blind;
    after.peer_visibility = peers;
    after.tie_criterion_id = tie;
    after.min_sample = min_sample;
    after.divergence_milli = divergence;
    after.rank_by = rank_by;
    if after == before {
        txn.commit().await?;
        return Ok(());
    }
    let model = judging_stage::ActiveModel {
        competition_id: Set(competition.id),
        stage: Set(stage),
        closed_at: Set(before.closed_at),
        closed_by: Set(before.closed_by),
        blind: Set(after.blind),
        peer_visibility: Set(after.peer_visibility),
        tie_criterion_id: Set(after.tie_criterion_id),
        min_sample: Set(after.min_sample),
        divergence_milli: Set(after.divergence_milli),
        rank_by: Set(after.rank_by),
        ..Default::default()
    };
    if before.id == 0 {
        model.insert(&txn).await?;
    } else {
        let mut model = model;
        model.id = Set(before.id);
        model.update(&txn).await?;
    }
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        Entry {
            kind: "settings_changed",
            subject: stage.code().to_string(),
            before: describe(&before),
            after: describe(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_points;

    #[test]
    fn points_are_read_with_up_to_three_decimals() {
        assert_eq!(parse_points("15"), Some(15_000));
        assert_eq!(parse_points("7.5"), Some(7_500));
        assert_eq!(parse_points(" 7,25 "), Some(7_250));
        assert_eq!(parse_points("0.001"), Some(1));
        assert_eq!(parse_points("1.0001"), None);
        assert_eq!(parse_points("-1"), None);
        assert_eq!(parse_points("abc"), None);
        assert_eq!(parse_points(""), None);
        assert_eq!(parse_points("9999999"), None);
    }
}
