//! The landing page: what Sayembara is, how a competition runs, who it serves,
//! and the competitions open now.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::competitions::{api::list_competitions, pages::CompetitionList};
use crate::i18n::{t, Key};
use crate::site::error_page::ErrorPage;

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

#[component]
pub fn HomePage() -> impl IntoView {
    let competitions = Resource::new(|| (), |_| list_competitions());
    view! {
        <Title text=t(Key::HomeTitle)/>
        <section class="hero" aria-labelledby="hero-heading">
            <h1 id="hero-heading">{t(Key::HomeHeroHeading)}</h1>
            <p class="lead">{t(Key::HomeHeroLead)}</p>
            <p><a class="button" href="/kompetisi">{t(Key::HomeCtaBrowse)}</a></p>
        </section>
        <section aria-labelledby="featured-heading">
            <h2 id="featured-heading">{t(Key::HomeFeaturedHeading)}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    match competitions.await {
                        Ok(cards) => view! { <CompetitionList cards/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section id="tentang" aria-labelledby="how-heading">
            <h2 id="how-heading">{t(Key::HomeHowHeading)}</h2>
            <ol class="steps">
                {STEPS
                    .into_iter()
                    .map(|(title, text)| view! {
                        <li>
                            <h3>{t(title)}</h3>
                            <p>{t(text)}</p>
                        </li>
                    })
                    .collect_view()}
            </ol>
        </section>
        <section aria-labelledby="roles-heading">
            <h2 id="roles-heading">{t(Key::HomeRolesHeading)}</h2>
            <ul class="roles">
                {ROLES
                    .into_iter()
                    .map(|(title, text)| view! {
                        <li>
                            <h3>{t(title)}</h3>
                            <p>{t(text)}</p>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
