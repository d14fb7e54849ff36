//! The looking-for-team page's part for a mentor or partner of the competition: every
//! team, with an offer of support where nothing links the reader to it yet.
use leptos::prelude::*;

use super::{RequestStatus, SupportableTeam};
use crate::authz::Role;
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key};
use crate::site::forms::FieldMessages;
use crate::teams::api::OfferTeamSupport;

#[component]
pub fn SupportableTeams(
    role: Role,
    teams: Vec<SupportableTeam>,
    offer: ServerAction<OfferTeamSupport>,
    errors: FieldErrors,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 id="didampingi">{lang.text(Key::SupportBoardHeading)}</h2>
        <p>{lang.format(Key::SupportBoardLead, &[("role", lang.text(role.label()))])}</p>
        <FieldMessages messages=errors.messages("support") id="field-support"/>
        {if teams.is_empty() {
            view! { <p>{lang.text(Key::SupportBoardNone)}</p> }.into_any()
        } else {
            teams
                .into_iter()
                .map(|team| view! { <SupportableTeamView team offer/> })
                .collect_view()
                .into_any()
        }}
    }
}

#[component]
fn SupportableTeamView(
    team: SupportableTeam,
    offer: ServerAction<OfferTeamSupport>,
) -> impl IntoView {
    let lang = use_lang();
    let facts = [
        Some(team.agency.clone()),
        team.region.clone(),
        team.category.clone(),
        Some(lang.format(Key::SupportMembers, &[("count", &team.members.to_string())])),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let status = team.link.map(|(status, offered)| match (status, offered) {
        (RequestStatus::Requested, true) => Key::SupportStatusOffered,
        (RequestStatus::Requested, false) => Key::SupportStatusAsked,
        (RequestStatus::Accepted, _) => Key::SupportStatusSupporting,
        _ => Key::SupportStatusEarlier,
    });
    let button = lang.format(Key::SupportOfferButton, &[("team", &team.name)]);
    view! {
        <article class="listing" id=format!("didampingi-{}", team.id)>
            <h3>{team.name.clone()}</h3>
            <p class="byline">{facts}</p>
            {match status {
                Some(key) => view! { <p>{lang.text(key)}</p> }.into_any(),
                None => view! {
                    <ActionForm action=offer>
                        <input type="hidden" name="team" value=team.id/>
                        <button type="submit" class="button">{button}</button>
                    </ActionForm>
                }
                .into_any(),
            }}
        </article>
    }
}
