//! Freezing the final result, and checking it. Freezing writes the canonical text of
//! everything the result is computed from and what it is (every counted score sheet of
//! the weighted stages, each of their rankings, the weights and the final ranking), the
//! judging record's head at that moment, and SHA-256 over both, once. From then on the
//! judging lock refuses every write that could change the result ([`super::audit::lock`]).
//!
//! Anyone can check it (`/kompetisi/{slug}/hasil`, `sayembara-server verify-results`):
//! the text recomputed from the database now must equal the frozen text (a score edited
//! in the database afterwards changes it), the record must still hash to its chain, its
//! row at the frozen position must still carry the frozen head, and the hash must match.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use sha2::{Digest, Sha256};

use super::audit::{self, Entry as AuditEntry, GENESIS};
use super::finals::{compute, Finals};
use super::queries::{managed, names};
use super::{Frozen, Verification};
use crate::accounts::CurrentUser;
use crate::entities::{competition, judging_audit, judging_chain, result_freeze};
use crate::error::AppError;
use crate::i18n::Key;

/// The first line of every frozen text; a later format gets a new number.
const FORMAT: &str = "sayembara-results 1";

fn opt(v: Option<i64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

/// The canonical text of the final result: one fact per line, in a fixed order.
pub fn canonical(competition: &competition::Model, finals: &Finals) -> String {
    let mut out = vec![
        FORMAT.to_string(),
        format!("competition {} {}", competition.id, competition.slug),
        format!("finalists {}", finals.from.map_or("-", |s| s.code())),
    ];
    for (stage, weight) in &finals.weights {
        out.push(format!("weight {} {weight}", stage.code()));
    }
    for (stage, computed) in &finals.stages {
        let s = &computed.settings;
        out.push(format!(
            "stage {} rank_by={} min_sample={} tie={}",
            stage.code(),
            s.rank_by.code(),
            s.min_sample,
            s.tie_criterion_id
                .map_or("-".to_string(), |t| t.to_string())
        ));
        let mut sheets: Vec<&super::ranking::Sheet> = computed.counted.iter().collect();
        sheets.sort_by_key(|s| s.id);
        for sheet in sheets {
            let mut scores = sheet.scores.clone();
            scores.sort();
            out.push(format!(
                "sheet {} {} proposal={} juror={} scores={}",
                stage.code(),
                sheet.id,
                sheet.proposal_id,
                sheet.juror_id,
                scores
                    .iter()
                    .map(|(c, v)| format!("{c}:{v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        for row in &computed.rows {
            out.push(format!(
                "rank {} {} proposal={} raw={} normalised={}",
                stage.code(),
                row.rank,
                row.proposal_id,
                opt(row.raw_mean_milli),
                opt(row.normalised_milli)
            ));
        }
    }
    for row in &finals.rows {
        out.push(format!(
            "final {} proposal={} total={}",
            row.rank,
            row.proposal_id,
            opt(row.total_milli)
        ));
    }
    out.join("\n") + "\n"
}

/// SHA-256 over the frozen text and the record's head, in hex.
pub fn seal(ranking: &str, chain_head: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(ranking.as_bytes());
    hasher.update(b"chain ");
    hasher.update(chain_head.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The competition's frozen result, if any.
pub async fn frozen_row(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<Option<result_freeze::Model>, AppError> {
    Ok(result_freeze::Entity::find()
        .filter(result_freeze::Column::CompetitionId.eq(competition_id))
        .one(db)
        .await?)
}

/// Freezes the final ranking. Refused (at `freeze`) when there are no finalists, when a
/// finalist lacks a score in a weighted stage, when a weighted stage still waits for
/// submitted sheets, or when the results are frozen already.
#[tracing::instrument(skip(db, by))]
pub async fn freeze(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    let txn = crate::db::begin_write(db).await?;
    // Freezing itself is what `lock` refuses afterwards; a second freeze is refused here.
    audit::lock(&txn, competition.id).await?;
    let finals = compute(&txn, competition.id).await?;
    let field = |key| AppError::field("freeze", key);
    if finals.rows.is_empty() {
        return Err(field(Key::ResultsErrorNoFinalists));
    }
    if finals.missing() > 0 {
        return Err(field(Key::ResultsErrorMissingScores));
    }
    let waiting = finals.stages.iter().any(|(_, c)| {
        c.active.iter().any(|a| {
            !c.sheets
                .iter()
                .any(|s| s.assignment_id == a.id && s.state == super::SheetState::Submitted)
        })
    });
    if waiting {
        return Err(field(Key::ResultsErrorUnsubmitted));
    }
    // A record already broken would stay broken under a freeze that cannot be undone.
    if audit::verify(&txn, competition.id)
        .await?
        .broken_at
        .is_some()
    {
        return Err(field(Key::ResultsErrorChainBroken));
    }
    let ranking = canonical(&competition, &finals);
    let chain = judging_chain::Entity::find_by_id(competition.id)
        .one(&txn)
        .await?;
    let (seq, head) = chain.map_or((0, GENESIS.to_string()), |c| (c.seq, c.head));
    let hash = seal(&ranking, &head);
    result_freeze::ActiveModel {
        competition_id: Set(competition.id),
        chain_seq: Set(seq),
        chain_head: Set(head.clone()),
        ranking: Set(ranking),
        hash: Set(hash.clone()),
        frozen_by: Set(Some(user.id)),
        frozen_at: Set(audit::now()),
        published_by: Set(None),
        published_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        AuditEntry {
            kind: "results_frozen",
            subject: "final".to_string(),
            before: format!("record={seq}:{head}"),
            after: format!(
                "sha256={hash}; finalists={}",
                finals
                    .rows
                    .iter()
                    .map(|r| r.proposal_id.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Checks a frozen result against the database as it is now.
pub async fn verify(
    db: &impl ConnectionTrait,
    competition: &competition::Model,
    row: &result_freeze::Model,
) -> Result<Verification, AppError> {
    let finals = compute(db, competition.id).await?;
    let chain = audit::verify(db, competition.id).await?;
    let head_now = if row.chain_seq == 0 {
        Some(GENESIS.to_string())
    } else {
        record_row(db, competition.id, row.chain_seq)
            .await?
            .map(|a| a.hash)
    };
    let seal_recorded = record_row(db, competition.id, row.chain_seq + 1)
        .await?
        .is_some_and(|a| {
            a.kind == "results_frozen"
                && a.before == format!("record={}:{}", row.chain_seq, row.chain_head)
                && a.after.starts_with(&format!("sha256={};", row.hash))
        });
    Ok(Verification {
        ranking_matches: canonical(competition, &finals) == row.ranking,
        chain_broken_at: chain.broken_at,
        head_matches: head_now.as_deref() == Some(row.chain_head.as_str()),
        hash_matches: seal(&row.ranking, &row.chain_head) == row.hash,
        seal_recorded,
        awards_match: awards_match(db, competition.id, row, &finals).await?,
    })
}

async fn record_row(
    db: &impl ConnectionTrait,
    competition_id: i32,
    seq: i32,
) -> Result<Option<judging_audit::Model>, AppError> {
    Ok(judging_audit::Entity::find()
        .filter(judging_audit::Column::CompetitionId.eq(competition_id))
        .filter(judging_audit::Column::Seq.eq(seq))
        .one(db)
        .await?)
}

/// Whether the stored awards are the placings the published counts (on the record) give
/// the final ranking; none while not published.
async fn awards_match(
    db: &impl ConnectionTrait,
    competition_id: i32,
    row: &result_freeze::Model,
    finals: &Finals,
) -> Result<bool, AppError> {
    use crate::entities::award;
    use std::collections::{BTreeSet, HashMap};
    let stored: BTreeSet<(i32, String, Option<i32>)> = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.team_id, a.kind.code().to_string(), a.place))
        .collect();
    if row.published_at.is_none() {
        return Ok(stored.is_empty());
    }
    let published = judging_audit::Entity::find()
        .filter(judging_audit::Column::CompetitionId.eq(competition_id))
        .filter(judging_audit::Column::Kind.eq("results_published"))
        .one(db)
        .await?;
    let Some((r, h)) = published.and_then(|p| counts(&p.after)) else {
        return Ok(false);
    };
    let teams: HashMap<i32, i32> = finals
        .finalists
        .iter()
        .map(|e| (e.proposal_id, e.team.id))
        .collect();
    let expected: BTreeSet<(i32, String, Option<i32>)> = finals
        .rows
        .iter()
        .filter_map(|f| {
            let (kind, place) = super::final_rank::placing(f.rank, r, h);
            Some((*teams.get(&f.proposal_id)?, kind.code().to_string(), place))
        })
        .collect();
    Ok(stored == expected)
}

/// The runners-up and honourable mentions a `results_published` row records.
fn counts(after: &str) -> Option<(i32, i32)> {
    let (mut r, mut h) = (None, None);
    for part in after.split(';') {
        match part.trim().split_once('=') {
            Some(("runners_up", v)) => r = v.parse().ok(),
            Some(("honourable", v)) => h = v.parse().ok(),
            _ => {}
        }
    }
    Some((r?, h?))
}

/// The frozen result as pages show it, checked now; None while not frozen.
pub async fn frozen(
    db: &DatabaseConnection,
    competition: &competition::Model,
) -> Result<Option<Frozen>, AppError> {
    let view = crate::db::begin_snapshot(db).await?;
    let Some(row) = frozen_row(&view, competition.id).await? else {
        return Ok(None);
    };
    let verification = verify(&view, competition, &row).await?;
    view.commit().await?;
    let people = names(db, row.frozen_by.into_iter().chain(row.published_by)).await?;
    let name = |id: Option<i32>| {
        id.and_then(|id| people.get(&id).cloned())
            .unwrap_or_default()
    };
    Ok(Some(Frozen {
        hash: row.hash.clone(),
        chain_seq: row.chain_seq,
        chain_head: row.chain_head.clone(),
        by: name(row.frozen_by),
        at: row.frozen_at,
        published: row.published_at.map(|at| (name(row.published_by), at)),
        verification,
    }))
}

/// What `sayembara-server verify-results` prints.
pub struct Report {
    pub slug: String,
    pub row: result_freeze::Model,
    pub verification: Verification,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.verification.ok()
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mark = |ok: bool| if ok { "ok" } else { "MISMATCH" };
        let v = &self.verification;
        writeln!(f, "competition: {}", self.slug)?;
        writeln!(f, "frozen at:   {}", self.row.frozen_at.to_rfc3339())?;
        writeln!(f, "sha256:      {}", self.row.hash)?;
        writeln!(
            f,
            "record head: {} (entry {})",
            self.row.chain_head, self.row.chain_seq
        )?;
        writeln!(f, "ranking recomputed: {}", mark(v.ranking_matches))?;
        match v.chain_broken_at {
            None => writeln!(f, "record chain:       ok")?,
            Some(seq) => writeln!(f, "record chain:       BROKEN at entry {seq}")?,
        }
        writeln!(f, "head at freezing:   {}", mark(v.head_matches))?;
        writeln!(f, "fingerprint:        {}", mark(v.hash_matches))?;
        writeln!(f, "freeze on record:   {}", mark(v.seal_recorded))?;
        writeln!(f, "awards:             {}", mark(v.awards_match))?;
        writeln!(f, "{}", if v.ok() { "VERIFIED" } else { "NOT VERIFIED" })
    }
}

/// Checks the frozen result of the competition `slug`; None when it has none.
pub async fn check_slug(db: &DatabaseConnection, slug: &str) -> Result<Option<Report>, AppError> {
    let competition = crate::competitions::queries::by_slug(db, slug).await?;
    let view = crate::db::begin_snapshot(db).await?;
    let Some(row) = frozen_row(&view, competition.id).await? else {
        return Ok(None);
    };
    let verification = verify(&view, &competition, &row).await?;
    view.commit().await?;
    Ok(Some(Report {
        slug: slug.to_string(),
        row,
        verification,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_counts_are_read_back_from_the_record() {
        assert_eq!(
            counts("runners_up=2; honourable=3; awards=7; mails=12"),
            Some((2, 3))
        );
        assert_eq!(counts("runners_up=2"), None);
        assert_eq!(counts("runners_up=x; honourable=1"), None);
    }

    #[test]
    fn the_seal_binds_the_ranking_and_the_head() {
        let a = seal("final 1 proposal=1 total=1\n", GENESIS);
        assert_eq!(a.len(), 64);
        assert_ne!(a, seal("final 1 proposal=2 total=1\n", GENESIS));
        assert_ne!(a, seal("final 1 proposal=1 total=1\n", &"1".repeat(64)));
    }
}
