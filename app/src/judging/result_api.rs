//! Server functions for shortlists, the schedule, the final ranking, freezing, publishing
//! and reading results: context in, one service call, DTO out.
use std::collections::HashMap;

use leptos::prelude::*;

use super::{FinalView, PublicResults, ScheduleView, ShortlistView, TeamResults};
use crate::error::AppError;

/// The shortlist page; `query` is the preview's address (`ke`, `jumlah`, `kuota1`, …).
#[server(endpoint = "get_shortlist")]
pub async fn get_shortlist(
    slug: String,
    stage: String,
    #[server(default)] query: HashMap<String, String>,
) -> Result<ShortlistView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let ask = super::ShortlistAsk::from_query(&query);
    super::shortlists::view(&ctx.db, user.as_ref(), &slug, &stage, ask, ctx.lang).await
}

/// `ask[ke]`, `ask[jumlah]`, `ask[kuota1]`, …: the previewed shortlist, fixed.
#[server(endpoint = "fix_shortlist")]
pub async fn fix_shortlist(
    slug: String,
    stage: String,
    #[server(default)] ask: HashMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    let ask = super::ShortlistAsk::from_query(&ask).ok_or(AppError::BadRequest)?;
    super::shortlists::fix(&ctx.db, user.as_ref(), &slug, &stage, &ask, ctx.lang).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ResultsShortlistFixed
            .at(&format!("/kelola/{slug}/penilaian/{stage}/daftar-pendek")),
    );
    Ok(())
}

#[server(endpoint = "get_schedule")]
pub async fn get_schedule(slug: String, stage: String) -> Result<ScheduleView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::slots::view(&ctx.db, user.as_ref(), &slug, &stage, ctx.lang).await
}

/// `start[<proposal id>]`, `minutes[…]`, `place[…]` per entry.
#[server(endpoint = "save_schedule")]
pub async fn save_schedule(
    slug: String,
    stage: String,
    #[server(default)] start: HashMap<String, String>,
    #[server(default)] minutes: HashMap<String, String>,
    #[server(default)] place: HashMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::slots::save(
        &ctx.db,
        user.as_ref(),
        &slug,
        &stage,
        &start,
        &minutes,
        &place,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ResultsScheduleSaved
            .at(&format!("/kelola/{slug}/penilaian/{stage}/jadwal")),
    );
    Ok(())
}

#[server(endpoint = "get_final")]
pub async fn get_final(slug: String) -> Result<FinalView, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::result_reads::final_view(&ctx.db, user.as_ref(), &slug, ctx.lang).await
}

/// `weight[<stage code>]` per judged stage with a rubric.
#[server(endpoint = "save_final_weights")]
pub async fn save_final_weights(
    slug: String,
    #[server(default)] weight: HashMap<String, String>,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::finals::save_weights(&ctx.db, user.as_ref(), &slug, &weight).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ResultsWeightsSaved
            .at(&format!("/kelola/{slug}/hasil-akhir")),
    );
    Ok(())
}

#[server(endpoint = "freeze_results")]
pub async fn freeze_results(slug: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::freeze::freeze(&ctx.db, user.as_ref(), &slug).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ResultsFrozen.at(&format!("/kelola/{slug}/hasil-akhir")),
    );
    Ok(())
}

#[server(endpoint = "publish_results")]
pub async fn publish_results(
    slug: String,
    #[server(default)] runners_up: String,
    #[server(default)] honourable: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::publish::publish(
        &ctx.db,
        user.as_ref(),
        &slug,
        &runners_up,
        &honourable,
        &ctx.config.public_url,
    )
    .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ResultsPublished.at(&format!("/kelola/{slug}/hasil-akhir")),
    );
    Ok(())
}

/// The public results page: anyone, signed in or not.
#[server(endpoint = "get_public_results")]
pub async fn get_public_results(slug: String) -> Result<PublicResults, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    super::result_reads::public(&ctx.db, &slug, ctx.lang).await
}

#[server(endpoint = "get_team_results")]
pub async fn get_team_results(team: i32) -> Result<TeamResults, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.current_user().await?;
    super::publish::team_results(&ctx.db, user.as_ref(), team, ctx.lang).await
}
