//! The landing page: what Sayembara is, how a competition runs, who it serves,
//! and the competitions open now. Signed in, it starts with the person's own work: their
//! teams, the requests waiting for their answer, and for a mentor or partner the
//! proposals waiting for their comments.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::competitions::pages::PublishedCompetitions;
use crate::i18n::{t, Key};
use crate::mentoring::api::get_proposals_to_comment;
use crate::mentoring::pages::ProposalsToComment;
use crate::teams::api::get_my_teams;
use crate::teams::my_teams_page::YourTeams;

const STEPS: [(Key, Key); 4] = [
    (Key::HomeStepRegister, Key::HomeStepRegisterText),
    (Key::HomeStepWrite, Key::HomeStepWriteText),
    (Key::HomeStepJudge, Key::HomeStepJudgeText),
    (Key::HomeStepResults, Key::HomeStepResultsText),
];

const ROLES: [(Key, Key); 5] = [
    (Key::HomeRoleParticipant, Key::HomeRoleParticipantText),
    (Key::HomeRoleMentor, Key::HomeRoleMentorText),
    (Key::HomeRoleJuror, Key::HomeRoleJurorText),
    (Key::HomeRoleOrganizer, Key::HomeRoleOrganizerText),
    (Key::HomeRolePartner, Key::HomeRolePartnerText),
];

/// List items of a heading and a paragraph each.
fn titled_items(items: &[(Key, Key)]) -> impl IntoView {
    items
        .iter()
        .map(|&(title, text)| {
            view! {
                <li>
                    <h3>{t(title)}</h3>
                    <p>{t(text)}</p>
                </li>
            }
        })
        .collect_view()
}

/// The signed-in person's teams and, when they support any, the proposals waiting for
/// their comments; nothing for a visitor who is signed out.
#[component]
fn YourWork() -> impl IntoView {
    let teams = Resource::new(|| (), |_| get_my_teams());
    let queue = Resource::new(|| (), |_| get_proposals_to_comment());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                // Signed out (or the lists failed to load): the landing page alone.
                let (Ok(teams), Ok(queue)) = (teams.await, queue.await) else {
                    return None;
                };
                let supports = !teams.supporting.is_empty();
                Some(view! {
                    <section aria-labelledby="work-heading">
                        <h2 id="work-heading">{t(Key::SupportWorkHeading)}</h2>
                        <YourTeams teams/>
                    </section>
                    {supports.then(|| view! { <ProposalsToComment proposals=queue/> })}
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=t(Key::HomeTitle)/>
        <section class="hero" aria-labelledby="hero-heading">
            <h1 id="hero-heading">{t(Key::HomeHeroHeading)}</h1>
            <p class="lead">{t(Key::HomeHeroLead)}</p>
            <p><a class="button" href="/kompetisi">{t(Key::HomeCtaBrowse)}</a></p>
        </section>
        <YourWork/>
        <section aria-labelledby="featured-heading">
            <h2 id="featured-heading">{t(Key::HomeFeaturedHeading)}</h2>
            <PublishedCompetitions/>
        </section>
        <section id="tentang" aria-labelledby="how-heading">
            <h2 id="how-heading">{t(Key::HomeHowHeading)}</h2>
            <ol class="steps">{titled_items(&STEPS)}</ol>
        </section>
        <section aria-labelledby="roles-heading">
            <h2 id="roles-heading">{t(Key::HomeRolesHeading)}</h2>
            <ul class="roles">{titled_items(&ROLES)}</ul>
        </section>
    }
}
