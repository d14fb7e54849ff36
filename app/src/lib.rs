//! Sayembara's application: pages, server functions and (with `ssr`) the domain
//! services behind them. One module per domain area; see ARCHITECTURE.md.
#![recursion_limit = "256"]

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

pub mod accounts;
pub mod authz;
pub mod challenges;
pub mod competitions;
#[cfg(feature = "ssr")]
pub mod context;
pub mod cookies;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod entities;
pub mod error;
pub mod i18n;
pub mod invitations;
pub mod judging;
pub mod mail;
pub mod mentoring;
pub mod organizations;
pub mod proposals;
pub mod regions;
pub mod site;
pub mod team_forming;
pub mod teams;

use crate::accounts::pages::{
    CheckEmailPage, ForgotPasswordPage, ProfilePage, ResetDonePage, ResetPasswordPage,
    ResetSentPage, SignInPage, SignUpPage, VerifyEmailPage,
};
use crate::authz::pages::CompetitionRolesPage;
use crate::challenges::pages::ChallengeListPage;
use crate::competitions::pages::{CompetitionPage, CompetitionsPage};
use crate::competitions::setup::pages::{CompetitionSetupPage, ManageCompetitionsPage};
use crate::dashboard::pages::{DashboardPage, EligibilityPage};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::invitations::pages::InvitationPage;
use crate::judging::final_pages::{FinalPage, PublicResultsPage, TeamResultsPage};
use crate::judging::pages::{
    ConflictsPage, JudgingPage, JudgingRecordPage, JudgingStagePage, JurorDeskPage, MyJudgingPage,
};
use crate::judging::result_pages::{SchedulePage, ShortlistPage};
use crate::judging::score_pages::{ResultsPage, ScoreSheetPage};
use crate::mail::pages::OutboxPage;
use crate::organizations::members_page::OrganizationMembersPage;
use crate::organizations::pages::{OrganizationEditPage, OrganizationsAdminPage};
use crate::proposals::pages::{PartHistoryPage, ProposalPage};
use crate::site::{error_page::ErrorPage, home::HomePage, layout::Layout};
use crate::team_forming::pages::TeamFormingPage;
use crate::teams::my_teams_page::MyTeamsPage;
use crate::teams::pages::{JoinTeamPage, TeamPage, TeamRegisterPage};

/// The Content-Security-Policy of a page whose scripts carry `nonce`: only those scripts
/// (and the modules they load) run; styles, images and fetches come from this site;
/// nothing frames the page.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// A page's script nonce, chosen for each request by the server's security-headers
/// middleware before the page renders: the middleware names it in the page's
/// Content-Security-Policy, and `context::provide_request_context` hands it to leptos,
/// which puts it on the scripts it writes. (Setting the policy from inside the render,
/// through leptos' response options, left a page now and then with the fallback policy
/// that allows nothing, its stylesheet blocked.)
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct PageNonce(pub String);

#[cfg(feature = "ssr")]
impl PageNonce {
    /// 128 random bits, URL-safe base64 (valid in a CSP nonce source).
    pub fn new() -> PageNonce {
        use base64::Engine;
        use rand::RngCore;
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        PageNonce(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }
}

#[cfg(feature = "ssr")]
impl Default for PageNonce {
    fn default() -> Self {
        PageNonce::new()
    }
}

/// The HTML document around every page, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <ErrorPage error=AppError::NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/kompetisi") view=CompetitionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/kompetisi/:slug") view=CompetitionPage ssr=SsrMode::Async/>
                    <Route path=path!("/daftar") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/daftar/periksa-email") view=CheckEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/verifikasi") view=VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/masuk") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/kompetisi/:slug/peran") view=CompetitionRolesPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/surat") view=OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisasi") view=OrganizationsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisasi/:id") view=OrganizationEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/organisasi/:id/anggota") view=OrganizationMembersPage ssr=SsrMode::Async/>
                    <Route path=path!("/undangan") view=InvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola") view=ManageCompetitionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug") view=CompetitionSetupPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/peserta") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/peserta/:team") view=EligibilityPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/penilaian") view=JudgingPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/penilaian/:stage") view=JudgingStagePage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/penilaian/:stage/hasil") view=ResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/penilaian/:stage/daftar-pendek") view=ShortlistPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/penilaian/:stage/jadwal") view=SchedulePage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/hasil-akhir") view=FinalPage ssr=SsrMode::Async/>
                    <Route path=path!("/kompetisi/:slug/hasil") view=PublicResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/tim/:id/hasil") view=TeamResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/konflik") view=ConflictsPage ssr=SsrMode::Async/>
                    <Route path=path!("/kelola/:slug/catatan-penilaian") view=JudgingRecordPage ssr=SsrMode::Async/>
                    <Route path=path!("/penilaian") view=MyJudgingPage ssr=SsrMode::Async/>
                    <Route path=path!("/penilaian/:slug") view=JurorDeskPage ssr=SsrMode::Async/>
                    <Route path=path!("/penilaian/:slug/nilai/:assignment") view=ScoreSheetPage ssr=SsrMode::Async/>
                    <Route path=path!("/profil") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/kompetisi/:slug/daftar-tim") view=TeamRegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/kompetisi/:slug/tantangan") view=ChallengeListPage ssr=SsrMode::Async/>
                    <Route path=path!("/kompetisi/:slug/cari-tim") view=TeamFormingPage ssr=SsrMode::Async/>
                    <Route path=path!("/tim") view=MyTeamsPage ssr=SsrMode::Async/>
                    <Route path=path!("/tim/:id") view=TeamPage ssr=SsrMode::Async/>
                    <Route path=path!("/tim/:id/proposal") view=ProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("/tim/:id/proposal/riwayat") view=PartHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/gabung") view=JoinTeamPage ssr=SsrMode::Async/>
                    <Route path=path!("/lupa-sandi") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/lupa-sandi/terkirim") view=ResetSentPage ssr=SsrMode::Async/>
                    <Route path=path!("/atur-ulang-sandi") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/atur-ulang-sandi/selesai") view=ResetDonePage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Every registered server function's endpoint (tests send each of them junk).
#[cfg(feature = "ssr")]
pub fn server_function_paths() -> Vec<String> {
    let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    paths.sort();
    paths
}
