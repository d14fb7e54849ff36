//! Server functions for judging: context in, one service call, DTO out.
// The settings form posts its fields flat, one argument each; the `#[server]` macro's
// generated code needs the allowance at module level.
#![allow(clippy::too_many_arguments)]
use std::collections::HashMap;

use leptos::prelude::*;

use super::{
    ConflictsView, JudgingOverview, JurorCompetition, JurorDesk, ResultsView, ScoreView, StageView,
};
use crate::error::AppError;

#[server(endpoint = "get_judging")]
pub async fn get_judging(slug: String) -> Result<JudgingOverview, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::selection::overview(&ctx.db, user.as_ref(), &slug, ctx.lang).await
}

#[server(endpoint = "close_selection")]
pub async fn close_selection(slug: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::selection::close(&ctx.db, user.as_ref(), &slug, &ctx.config.public_url).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingSelectionClosed
            .at(&format!("/kelola/{slug}/penilaian")),
    );
    Ok(())
}

#[server(endpoint = "get_judging_stage")]
pub async fn get_judging_stage(slug: String, stage: String) -> Result<StageView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::assignments::view(&ctx.db, user.as_ref(), &slug, &stage, ctx.lang).await
}

#[server(endpoint = "run_assignment")]
pub async fn run_assignment(
    slug: String,
    stage: String,
    #[server(default)] k: String,
    #[server(default)] max_load: String,
    #[server(default)] seed: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::assignments::run(&ctx.db, user.as_ref(), &slug, &stage, &k, &max_load, &seed).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingRunDone
            .at(&format!("/kelola/{slug}/penilaian/{stage}")),
    );
    Ok(())
}

#[server(endpoint = "add_assignment")]
pub async fn add_assignment(
    slug: String,
    stage: String,
    proposal: i32,
    juror: i32,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::assignments::add(&ctx.db, user.as_ref(), &slug, &stage, proposal, juror).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingAssigned
            .at(&format!("/kelola/{slug}/penilaian/{stage}")),
    );
    Ok(())
}

#[server(endpoint = "remove_assignment")]
pub async fn remove_assignment(
    slug: String,
    stage: String,
    proposal: i32,
    juror: i32,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::assignments::remove(&ctx.db, user.as_ref(), &slug, &stage, proposal, juror).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingUnassigned
            .at(&format!("/kelola/{slug}/penilaian/{stage}")),
    );
    Ok(())
}

#[server(endpoint = "get_conflicts")]
pub async fn get_conflicts(slug: String) -> Result<ConflictsView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::conflicts::view(&ctx.db, user.as_ref(), &slug, ctx.lang).await
}

/// `kind` is `added` or `lifted`; a reason is required.
#[server(endpoint = "decide_conflict")]
pub async fn decide_conflict(
    slug: String,
    #[server(default)] juror: i32,
    #[server(default)] proposal: i32,
    #[server(default)] kind: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::conflicts::decide(
        &ctx.db,
        user.as_ref(),
        &slug,
        juror,
        proposal,
        &kind,
        &reason,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingConflictSaved.at(&format!("/kelola/{slug}/konflik")),
    );
    Ok(())
}

#[server(endpoint = "get_my_judging")]
pub async fn get_my_judging() -> Result<Vec<JurorCompetition>, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::juror::mine(&ctx.db, user.as_ref(), ctx.lang).await
}

#[server(endpoint = "get_juror_desk")]
pub async fn get_juror_desk(slug: String) -> Result<JurorDesk, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::juror::desk(&ctx.db, user.as_ref(), &slug, ctx.lang).await
}

#[server(endpoint = "declare_conflict")]
pub async fn declare_conflict(
    slug: String,
    #[server(default)] proposal: i32,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::juror::declare(&ctx.db, user.as_ref(), &slug, proposal, &reason).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingConflictSaved.at(&format!("/penilaian/{slug}")),
    );
    Ok(())
}

/// `expertise[<category id>]=on` for each category the juror knows.
#[server(endpoint = "save_expertise")]
pub async fn save_expertise(
    slug: String,
    #[server(default)] expertise: HashMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let chosen: Vec<i32> = expertise.keys().filter_map(|k| k.parse().ok()).collect();
    super::juror::set_expertise(&ctx.db, user.as_ref(), &slug, &chosen).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingExpertiseSaved.at(&format!("/penilaian/{slug}")),
    );
    Ok(())
}

#[server(endpoint = "get_score_sheet")]
pub async fn get_score_sheet(slug: String, assignment: i32) -> Result<ScoreView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::scoring::view(&ctx.db, user.as_ref(), &slug, assignment, ctx.lang).await
}

/// `score[<criterion id>]` per criterion; `intent` is `submit` to submit, anything else
/// saves a draft.
#[server(endpoint = "save_score_sheet")]
pub async fn save_score_sheet(
    slug: String,
    assignment: i32,
    #[server(default)] version: i32,
    #[server(default)] score: HashMap<String, String>,
    #[server(default)] comment_team: String,
    #[server(default)] comment_panel: String,
    #[server(default)] intent: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let submit = intent == "submit";
    super::scoring::save(
        &ctx.db,
        user.as_ref(),
        &slug,
        assignment,
        super::scoring::SheetForm {
            version,
            scores: &score,
            comment_team: &comment_team,
            comment_panel: &comment_panel,
            submit,
        },
    )
    .await?;
    let notice = if submit {
        crate::site::notice::Notice::JudgingSheetSubmitted
    } else {
        crate::site::notice::Notice::JudgingSheetSaved
    };
    crate::site::paths::redirect(&notice.at(&format!("/penilaian/{slug}/nilai/{assignment}")));
    Ok(())
}

#[server(endpoint = "reopen_score_sheet")]
pub async fn reopen_score_sheet(
    slug: String,
    sheet: i32,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let stage = super::scoring::reopen(&ctx.db, user.as_ref(), &slug, sheet, &reason).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingSheetReopened
            .at(&format!("/kelola/{slug}/penilaian/{}/hasil", stage.code())),
    );
    Ok(())
}

#[server(endpoint = "get_judging_results")]
pub async fn get_judging_results(slug: String, stage: String) -> Result<ResultsView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::standings::view(&ctx.db, user.as_ref(), &slug, &stage, ctx.lang).await
}

/// `blind` is present (any value) when checked.
#[server(endpoint = "save_judging_settings")]
pub async fn save_judging_settings(
    slug: String,
    stage: String,
    #[server(default)] blind: String,
    #[server(default)] peer_visibility: String,
    #[server(default)] tie_criterion: String,
    #[server(default)] min_sample: String,
    #[server(default)] divergence: String,
    #[server(default)] rank_by: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::settings::save(
        &ctx.db,
        user.as_ref(),
        &slug,
        &stage,
        super::settings::SettingsForm {
            blind: !blind.is_empty(),
            peer_visibility: &peer_visibility,
            tie_criterion: &tie_criterion,
            min_sample: &min_sample,
            divergence: &divergence,
            rank_by: &rank_by,
        },
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingSettingsSaved
            .at(&format!("/kelola/{slug}/penilaian/{stage}/hasil")),
    );
    Ok(())
}

#[server(endpoint = "remind_jurors")]
pub async fn remind_jurors(slug: String, stage: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::coverage::remind(
        &ctx.db,
        user.as_ref(),
        &slug,
        &stage,
        &ctx.config.public_url,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::JudgingJurorsReminded
            .at(&format!("/kelola/{slug}/penilaian/{stage}")),
    );
    Ok(())
}

#[server(endpoint = "get_judging_record")]
pub async fn get_judging_record(
    slug: String,
    #[server(default)] kind: String,
) -> Result<super::RecordView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::record::view(&ctx.db, user.as_ref(), &slug, &kind, ctx.lang).await
}
