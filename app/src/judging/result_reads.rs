//! The reads of the final result: the organizer's final ranking page and the public
//! results page, both with the frozen result checked as they are shown.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::final_rank::FinalTie;
use super::finals::{compute, weights_locked};
use super::freeze::frozen;
use super::queries::managed;
use super::{FinalLine, FinalTieRule, FinalView, PublicLine, PublicResults};
use crate::accounts::CurrentUser;
use crate::entities::{award, organization};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Lang;

fn tie_rule(t: FinalTie) -> FinalTieRule {
    match t {
        FinalTie::LastStage(s) => FinalTieRule::LastStage(s),
        FinalTie::EarlierSubmission => FinalTieRule::EarlierSubmission,
        FinalTie::ProposalId => FinalTieRule::ProposalId,
    }
}

async fn awards(
    db: &DatabaseConnection,
    competition_id: i32,
) -> Result<HashMap<i32, (super::AwardKind, Option<i32>)>, AppError> {
    Ok(award::Entity::find()
        .filter(award::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.team_id, (a.kind, a.place)))
        .collect())
}

/// `/kelola/{slug}/hasil-akhir`.
pub async fn final_view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    lang: Lang,
) -> Result<FinalView, AppError> {
    let (competition, _) = managed(db, by, slug).await?;
    let finals = compute(db, competition.id).await?;
    let awards = awards(db, competition.id).await?;
    let by_proposal: HashMap<i32, &super::queries::Entry> = finals
        .finalists
        .iter()
        .map(|e| (e.proposal_id, e))
        .collect();
    let rows = finals
        .rows
        .iter()
        .map(|r| {
            let entry = by_proposal.get(&r.proposal_id);
            FinalLine {
                rank: r.rank,
                proposal_id: r.proposal_id,
                team: entry.map(|e| e.team.name.clone()).unwrap_or_default(),
                title: entry.map(|e| e.title.clone()).unwrap_or_default(),
                total_milli: r.total_milli,
                scores: r.scores.clone(),
                tie: r.tie.map(tie_rule),
                award: entry.and_then(|e| awards.get(&e.team.id).copied()),
            }
        })
        .collect();
    Ok(FinalView {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        weights: finals.weights.clone(),
        weights_default: finals.default,
        weights_locked: weights_locked(db, competition.id).await?,
        finalists_from: finals.from,
        missing: finals.missing(),
        rows,
        frozen: frozen(db, &competition).await?,
        errors: FieldErrors::new(),
    })
}

/// `/kompetisi/{slug}/hasil`: a published competition's frozen result and its check, for
/// anyone. The ranking is shown once published; before, only the hash (if frozen).
pub async fn public(
    db: &DatabaseConnection,
    slug: &str,
    lang: Lang,
) -> Result<PublicResults, AppError> {
    let competition = crate::competitions::queries::by_slug(db, slug).await?;
    if competition.status != crate::competitions::CompetitionStatus::Published {
        return Err(AppError::NotFound);
    }
    let frozen = frozen(db, &competition).await?;
    let mut rows = Vec::new();
    if frozen.as_ref().is_some_and(|f| f.published.is_some()) {
        let finals = compute(db, competition.id).await?;
        let awards = awards(db, competition.id).await?;
        let agencies: HashMap<i32, String> = organization::Entity::find()
            .filter(
                organization::Column::Id
                    .is_in(finals.finalists.iter().map(|e| e.team.organization_id)),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let by_proposal: HashMap<i32, &super::queries::Entry> = finals
            .finalists
            .iter()
            .map(|e| (e.proposal_id, e))
            .collect();
        for r in &finals.rows {
            let Some(entry) = by_proposal.get(&r.proposal_id) else {
                continue;
            };
            rows.push(PublicLine {
                rank: r.rank,
                team: entry.team.name.clone(),
                agency: agencies
                    .get(&entry.team.organization_id)
                    .cloned()
                    .unwrap_or_default(),
                title: entry.title.clone(),
                total_milli: r.total_milli,
                award: awards.get(&entry.team.id).copied(),
            });
        }
    }
    Ok(PublicResults {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        frozen,
        rows,
    })
}
