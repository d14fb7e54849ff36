//! Reading a team's proposal and its competition's template: what the editor, the
//! history, the mentors' comments and the other areas (challenges, the dashboard, set-up)
//! read.
use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::{section_part, PartKind, DEFAULT_TEMPLATE, LINKS, SUMMARY, SUMMARY_WORDS, TITLE};
use crate::entities::{proposal, proposal_section, proposal_text};
use crate::error::AppError;
use crate::i18n::{Key, Lang};

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

pub async fn proposal_of(
    db: &impl ConnectionTrait,
    team_id: i32,
) -> Result<Option<proposal::Model>, AppError> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team_id))
        .one(db)
        .await?)
}

/// The parts of the proposal in the order the editor shows them.
pub fn parts(
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

pub async fn texts(
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

/// Whether `part` names a part of the proposal: the title, summary, links or a section.
pub fn known_part(part: &str, sections: &[proposal_section::Model]) -> bool {
    [TITLE, SUMMARY, LINKS].contains(&part) || sections.iter().any(|s| section_part(s.id) == part)
}
