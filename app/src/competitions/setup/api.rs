//! Server functions for setting up competitions: thin wrappers over the set-up services
//! (`manage`, `read`, and one writer per form).
// The details form posts its fields flat (plain HTML form names), one argument each; the
// `#[server]` macro's generated code needs the allowance at module level.
#![allow(clippy::too_many_arguments)]
use std::collections::HashMap;

use leptos::prelude::*;

use super::{CompetitionSetup, ManageOverview};
use crate::error::AppError;

/// Runs a set-up save on the record (`record::on_the_record`), then sends the organizer
/// back to the set-up page at `section`, which says what was saved (`notice`).
#[cfg(feature = "ssr")]
async fn saved(
    ctx: &crate::context::RequestContext,
    user: Option<&crate::accounts::CurrentUser>,
    slug: &str,
    area: super::record::Area,
    notice: crate::site::notice::Notice,
    section: &str,
    change: impl std::future::Future<Output = Result<(), AppError>>,
) -> Result<(), AppError> {
    super::record::on_the_record(&ctx.db, user, slug, area, &ctx.config.public_url, change).await?;
    crate::site::paths::redirect(&notice.at(&format!("/kelola/{slug}{section}")));
    Ok(())
}

#[server(endpoint = "get_managed_competitions")]
pub async fn get_managed_competitions() -> Result<ManageOverview, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::manage::overview(&ctx.db, user.as_ref(), ctx.lang).await
}

#[server(endpoint = "create_competition")]
pub async fn create_competition(
    new_title_id: String,
    new_title_en: String,
    new_slug: String,
    new_kind: String,
) -> Result<(), AppError> {
    use super::manage::{self, NewCompetition};
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let slug = manage::create(
        &ctx.db,
        user.as_ref(),
        NewCompetition {
            title_id: new_title_id,
            title_en: new_title_en,
            slug: new_slug,
            kind: new_kind,
        },
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::SetupCreated.at(&format!("/kelola/{slug}")),
    );
    Ok(())
}

#[server(endpoint = "get_competition_setup")]
pub async fn get_competition_setup(slug: String) -> Result<CompetitionSetup, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::read::setup(&ctx.db, user.as_ref(), &slug).await
}

#[server(endpoint = "save_competition_details")]
pub async fn save_competition_details(
    slug: String,
    title_id: String,
    title_en: String,
    summary_id: String,
    summary_en: String,
    description_id: String,
    description_en: String,
    rules_id: String,
    rules_en: String,
    kind: String,
    team_min: String,
    team_max: String,
    /// `options[categories_0_name_id]=…` and so on: the categories' and groups' rows.
    #[server(default)]
    options: HashMap<String, String>,
) -> Result<(), AppError> {
    use super::details::DetailsForm;
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let form = DetailsForm {
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
        options,
    };
    saved(
        &ctx,
        user.as_ref(),
        &slug,
        super::record::Area::Details,
        crate::site::notice::Notice::SetupDetailsSaved,
        "",
        super::details::save_details(&ctx.db, user.as_ref(), &slug, form),
    )
    .await
}

/// `timeline[registration_starts]=…&timeline[registration_ends]=…` and so on per stage.
#[server(endpoint = "save_competition_timeline")]
pub async fn save_competition_timeline(
    slug: String,
    #[server(default)] timeline: HashMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    saved(
        &ctx,
        user.as_ref(),
        &slug,
        super::record::Area::Timeline,
        crate::site::notice::Notice::SetupTimelineSaved,
        "#jadwal",
        super::timeline::save_timeline(&ctx.db, user.as_ref(), &slug, &timeline),
    )
    .await
}

#[server(endpoint = "publish_competition")]
pub async fn publish_competition(slug: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    saved(
        &ctx,
        user.as_ref(),
        &slug,
        super::record::Area::Status,
        crate::site::notice::Notice::SetupPublished,
        "",
        super::publish::publish(&ctx.db, user.as_ref(), &slug),
    )
    .await
}

/// Starts a stage now (`action=start`) or ends it now (`action=end`), on the record.
#[server(endpoint = "change_stage")]
pub async fn change_stage(slug: String, stage: String, action: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let stage = crate::competitions::Stage::ALL
        .into_iter()
        .find(|s| s.code() == stage)
        .ok_or(AppError::NotFound)?;
    let action = crate::competitions::StageAction::parse(&action).ok_or(AppError::NotFound)?;
    saved(
        &ctx,
        user.as_ref(),
        &slug,
        super::record::Area::Timeline,
        crate::site::notice::Notice::SetupStageChanged,
        "#tahap",
        super::timeline::change_stage(
            &ctx.db,
            user.as_ref(),
            &slug,
            stage,
            action,
            &ctx.config.public_url,
        ),
    )
    .await
}

/// `eligible[regency]=on&…` (one checkbox per kind of organization), months and wins.
#[server(endpoint = "save_competition_eligibility")]
pub async fn save_competition_eligibility(
    slug: String,
    #[server(default)] eligible: HashMap<String, String>,
    min_months_running: String,
    max_earlier_wins: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    saved(
        &ctx,
        user.as_ref(),
        &slug,
        super::record::Area::Eligibility,
        crate::site::notice::Notice::SetupEligibilitySaved,
        "#kelayakan",
        super::eligibility::save_eligibility(
            &ctx.db,
            user.as_ref(),
            &slug,
            &eligible,
            &min_months_running,
            &max_earlier_wins,
        ),
    )
    .await
}

/// `rubric[rubric_desk_evaluation_0_name_id]=…` and so on: each judged stage's rows.
#[server(endpoint = "save_competition_rubric")]
pub async fn save_competition_rubric(
    slug: String,
    #[server(default)] rubric: HashMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    saved(
        &ctx,
        user.as_ref(),
        &slug,
        super::record::Area::Rubric,
        crate::site::notice::Notice::SetupRubricSaved,
        "#rubrik",
        super::rubric::save_rubric(&ctx.db, user.as_ref(), &slug, &rubric),
    )
    .await
}

#[server(endpoint = "save_competition_prizes")]
pub async fn save_competition_prizes(
    slug: String,
    /// `prizes[prizes_0_name_id]=…` and so on: the prizes' rows.
    #[server(default)]
    prizes: HashMap<String, String>,
    partners: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    saved(
        &ctx,
        user.as_ref(),
        &slug,
        super::record::Area::Prizes,
        crate::site::notice::Notice::SetupPrizesSaved,
        "#hadiah",
        super::prizes::save_prizes_partners(&ctx.db, user.as_ref(), &slug, &prizes, &partners),
    )
    .await
}

/// `template[template_0_title_id]=…` and so on: the proposal template's rows.
#[server(endpoint = "save_proposal_template")]
pub async fn save_proposal_template(
    slug: String,
    #[server(default)] template: HashMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    saved(
        &ctx,
        user.as_ref(),
        &slug,
        super::record::Area::Template,
        crate::site::notice::Notice::SetupTemplateSaved,
        "#templat",
        super::template::save_template(&ctx.db, user.as_ref(), &slug, &template),
    )
    .await
}
