//! The reader's teams (`/tim`): the teams they are in, the teams they support as a
//! mentor or partner, the requests for support waiting for their answer, their offers
//! waiting for a lead's, and earlier ones; and the short list the home page shows.
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{get_my_teams, AnswerTeamSupporter};
use super::{MyTeams, TeamSummary};
use crate::i18n::{use_lang, Key};
use crate::site::forms::{form_errors, ErrorSummary};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};

#[component]
pub fn MyTeamsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_my_teams());
    let answer = ServerAction::<AnswerTeamSupporter>::new();
    loaded(data, move |teams: MyTeams| {
        let lang = use_lang();
        let (errors, other) = form_errors(answer.value().get_untracked());
        let nothing = teams.is_empty();
        view! {
            <Title text=lang.text(Key::TeamsMyTitle)/>
            <NoticeBanner among=Notice::TEAMS/>
            <ErrorSummary errors other fields=vec!["support"]/>
            <h1 id="field-support">{lang.text(Key::TeamsMyTitle)}</h1>
            {nothing.then(|| view! { <p>{lang.text(Key::TeamsNone)}</p> })}
            <TeamList heading=Key::SupportMemberHeading teams=teams.member_of/>
            <TeamList heading=Key::SupportSupportingHeading teams=teams.supporting/>
            <Asked teams=teams.asked answer/>
            <TeamList heading=Key::SupportOfferedHeading teams=teams.offered/>
            <TeamList heading=Key::SupportEarlierHeading teams=teams.earlier/>
        }
        .into_any()
    })
}

/// One team in a list: its name (a link where the reader may open the team), its
/// competition, and the reader's place in it.
#[component]
fn TeamLine(team: TeamSummary) -> impl IntoView {
    let lang = use_lang();
    // Only members and accepted supporters open the team's page.
    let readable = team
        .support
        .as_ref()
        .is_none_or(|s| s.status == super::RequestStatus::Accepted);
    let place = match &team.support {
        None => team.is_lead.then(|| lang.text(Key::TeamsLead).to_string()),
        Some(s) if s.status == super::RequestStatus::Requested && s.offered => Some(format!(
            "{} · {}",
            lang.text(s.role.label()),
            lang.text(Key::SupportOfferWaiting)
        )),
        Some(s) if s.status == super::RequestStatus::Accepted => {
            Some(lang.text(s.role.label()).to_string())
        }
        Some(s) => Some(format!(
            "{} · {}",
            lang.text(s.role.label()),
            lang.text(s.status.label())
        )),
    };
    view! {
        {if readable {
            view! { <a href=format!("/tim/{}", team.id)>{team.name}</a> }.into_any()
        } else {
            view! { <strong>{team.name}</strong> }.into_any()
        }}
        " · " {team.competition_title}
        {place.map(|place| view! { " · " <span class="status-badge">{place}</span> })}
    }
}

/// A titled list of teams; nothing when there is none.
#[component]
fn TeamList(heading: Key, teams: Vec<TeamSummary>) -> impl IntoView {
    let lang = use_lang();
    (!teams.is_empty()).then(|| {
        view! {
            <h2>{lang.text(heading)}</h2>
            <ul>
                {teams.into_iter().map(|team| view! { <li><TeamLine team/></li> }).collect_view()}
            </ul>
        }
    })
}

/// Requests from leads for the reader's support, each with its answer.
#[component]
fn Asked(teams: Vec<TeamSummary>, answer: ServerAction<AnswerTeamSupporter>) -> impl IntoView {
    let lang = use_lang();
    (!teams.is_empty()).then(|| {
        view! {
            <h2 id="permintaan">{lang.text(Key::SupportAskedHeading)}</h2>
            <ul>
                {teams.into_iter().map(|t| {
                    let request = t.support.as_ref().map(|s| s.id).unwrap_or_default();
                    let accept_label = lang.format(Key::TeamsAccept, &[("team", &t.name)]);
                    let decline_label = lang.format(Key::TeamsDecline, &[("team", &t.name)]);
                    view! {
                        <li>
                            <TeamLine team=t/>
                            <ActionForm action=answer attr:class="inline-form">
                                <input type="hidden" name="request" value=request/>
                                <input type="hidden" name="answer" value="accept"/>
                                <button type="submit" class="link-button">{accept_label}</button>
                            </ActionForm>
                            <ActionForm action=answer attr:class="inline-form">
                                <input type="hidden" name="request" value=request/>
                                <input type="hidden" name="answer" value="decline"/>
                                <button type="submit" class="link-button">{decline_label}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// The home page's short list: the teams the reader is in and those they support, how
/// many requests wait for their answer, and the way to the full list.
#[component]
pub fn YourTeams(teams: MyTeams) -> impl IntoView {
    let lang = use_lang();
    let asked = teams.asked.len();
    let nothing = teams.member_of.is_empty() && teams.supporting.is_empty();
    view! {
        {if nothing {
            view! { <p>{lang.text(Key::SupportWorkNone)}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {teams
                        .member_of
                        .into_iter()
                        .chain(teams.supporting)
                        .map(|team| view! { <li><TeamLine team/></li> })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
        {(asked > 0).then(|| view! {
            <p><a href="/tim#permintaan">{lang.format(Key::SupportWorkAsked, &[("count", &asked.to_string())])}</a></p>
        })}
        <p><a href="/tim">{lang.text(Key::SupportWorkAll)}</a></p>
    }
}
