//! Public competition pages: the list and one competition.
use chrono::Utc;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_competition, list_competitions};
use super::countdown::{Countdown, CountdownLabels};
use super::{CompetitionCard, PublicCriterion, Stage, StagePhase};
use crate::i18n::{t, use_lang, Key};
use crate::site::loaded::loaded;
use crate::site::table::TableBox;
use crate::teams::support_pages::OutsideTeams;

/// The time left to register, as an island that ticks once hydrated.
#[component]
pub fn RegistrationCountdown(card: CompetitionCard) -> impl IntoView {
    let lang = use_lang();
    let labels = CountdownLabels {
        heading: lang.text(Key::CompetitionTimeLeft).to_string(),
        days: lang.text(Key::CompetitionDays).to_string(),
        closed: lang.text(Key::CompetitionRegistrationClosed).to_string(),
    };
    view! {
        <Countdown
            deadline_ms=card.registration_closes_at.timestamp_millis()
            rendered_at_ms=Utc::now().timestamp_millis()
            deadline_iso=card.registration_closes_at.to_rfc3339()
            labels=labels
        />
    }
}

/// One competition's card in a list. `top` when the cards follow the page's `h1` directly (their
/// titles are then `h2`s, so no heading level is skipped).
#[component]
pub fn CompetitionCardView(card: CompetitionCard, #[prop(optional)] top: bool) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/kompetisi/{}", card.slug);
    let closes = lang.format(
        Key::CompetitionRegistrationCloses,
        &[("date", &lang.datetime(card.registration_closes_at))],
    );
    let teams = lang.format(
        Key::CompetitionTeamsCount,
        &[("count", &card.team_count.to_string())],
    );
    view! {
        <article class="card">
            <p class="card-kind">{lang.text(card.kind.label())}</p>
            {if top {
                view! { <h2 class="card-title"><a href=href>{card.title.clone()}</a></h2> }.into_any()
            } else {
                view! { <h3 class="card-title"><a href=href>{card.title.clone()}</a></h3> }.into_any()
            }}
            <p>{card.summary.clone()}</p>
            <ul class="card-facts">
                <li>{closes}</li>
                <li>{teams}</li>
            </ul>
            <RegistrationCountdown card=card/>
        </article>
    }
}

/// The list of cards, or the text that says there is none.
#[component]
pub fn CompetitionList(cards: Vec<CompetitionCard>, #[prop(optional)] top: bool) -> impl IntoView {
    if cards.is_empty() {
        return view! { <p>{t(Key::HomeNoneOpen)}</p> }.into_any();
    }
    view! {
        <div class="card-grid">
            {cards.into_iter().map(|card| view! { <CompetitionCardView card top/> }).collect_view()}
        </div>
    }
    .into_any()
}

/// Every published competition, loaded from the server.
#[component]
pub fn PublishedCompetitions(#[prop(optional)] top: bool) -> impl IntoView {
    let competitions = Resource::new(|| (), |_| list_competitions());
    loaded(
        competitions,
        move |cards| view! { <CompetitionList cards top/> },
    )
}

#[component]
pub fn CompetitionsPage() -> impl IntoView {
    view! {
        <Title text=t(Key::CompetitionListTitle)/>
        <h1>{t(Key::CompetitionListTitle)}</h1>
        <p class="lead">{t(Key::CompetitionListLead)}</p>
        <PublishedCompetitions top=true/>
    }
}

#[component]
pub fn CompetitionPage() -> impl IntoView {
    let params = use_params_map();
    let detail = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_competition,
    );
    loaded(detail, move |detail| {
        let lang = use_lang();
        let card = detail.card;
        let closes = lang.format(
            Key::CompetitionRegistrationCloses,
            &[("date", &lang.datetime(card.registration_closes_at))],
        );
        let teams = detail.teams;
        let accepted = use_query_map().read_untracked().get("peran").as_deref() == Some("diterima");
        view! {
            <Title text=card.title.clone()/>
            {accepted.then(|| view! { <p class="notice" role="status">{lang.text(Key::InvitationsAccepted)}</p> })}
            <p class="card-kind">{lang.text(card.kind.label())}</p>
            <h1>{card.title.clone()}</h1>
            <p class="lead">{card.summary.clone()}</p>
            <p>{closes}</p>
            <RegistrationCountdown card=card.clone()/>
            {match detail.outside_as {
                // Someone with a role in the competition registers and joins no team.
                Some(role) => Some(view! { <OutsideTeams role slug=card.slug.clone()/> }.into_any()),
                None => (card.registration_closes_at > Utc::now()).then(|| view! {
                    <p>
                        <a class="button" href=format!("/kompetisi/{}/daftar-tim", card.slug)>{lang.text(Key::TeamsRegisterLink)}</a>
                        " "
                        <a href="/gabung">{lang.text(Key::TeamsJoinWithCode)}</a>
                        " · "
                        <a href=format!("/kompetisi/{}/cari-tim", card.slug)>{lang.text(Key::FormingLink)}</a>
                    </p>
                }.into_any()),
            }}
            <p>
                <a href=format!("/kompetisi/{}/tantangan", card.slug)>{lang.text(Key::ChallengesLink)}</a>
                " · "
                <a href=format!("/kompetisi/{}/hasil", card.slug)>{lang.text(Key::ResultsPublicLink)}</a>
            </p>
            {detail.manage_roles.then(|| view! {
                <ul>
                    <li><a href=format!("/kelola/{}", card.slug)>{lang.text(Key::SetupManageLink)}</a></li>
                    <li><a href=format!("/kompetisi/{}/peran", card.slug)>{lang.text(Key::RolesManageLink)}</a></li>
                </ul>
            })}
            {(!detail.description.is_empty()).then(|| view! {
                <h2>{lang.text(Key::CompetitionAboutHeading)}</h2>
                <Paragraphs text=detail.description.clone()/>
            })}
            <p>{lang.format(Key::CompetitionTeamSize, &[
                ("min", &detail.team_min.to_string()),
                ("max", &detail.team_max.to_string()),
            ])}</p>
            <h2>{lang.text(Key::SetupEligibilityHeading)}</h2>
            <ul>
                <li>{lang.format(Key::CompetitionOpenTo, &[(
                    "kinds",
                    &detail.eligibility.kinds.iter().map(|k| lang.text(k.label())).collect::<Vec<_>>().join(", "),
                )])}</li>
                {(detail.eligibility.min_months_running > 0).then(|| view! {
                    <li>{lang.format(Key::CompetitionMinMonths, &[("months", &detail.eligibility.min_months_running.to_string())])}</li>
                })}
                {detail.eligibility.max_earlier_wins.map(|wins| view! {
                    <li>{lang.format(Key::CompetitionMaxWins, &[("wins", &wins.to_string())])}</li>
                })}
            </ul>
            {(!detail.categories.is_empty()).then(|| view! {
                <h2>{lang.text(Key::SetupCategories)}</h2>
                <ul>{detail.categories.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
            })}
            {(!detail.groups.is_empty()).then(|| view! {
                <h2>{lang.text(Key::SetupGroups)}</h2>
                <ul>{detail.groups.iter().map(|g| view! { <li>{g.clone()}</li> }).collect_view()}</ul>
            })}
            {(!detail.timeline.is_empty()).then(|| view! {
                <h2>{lang.text(Key::SetupTimelineHeading)}</h2>
                <TableBox label=lang.text(Key::SetupTimelineHeading)>
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{lang.text(Key::SetupStage)}</th>
                                <th scope="col">{lang.text(Key::SetupStarts)}</th>
                                <th scope="col">{lang.text(Key::SetupEnds)}</th>
                                <th scope="col">{lang.text(Key::SetupPhase)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {detail.timeline.iter().map(|(stage, starts, ends, phase)| view! {
                                <tr aria-current=(*phase == StagePhase::Running).then_some("step")>
                                    <th scope="row">{lang.text(stage.label())}</th>
                                    <td>{lang.datetime(*starts)}</td>
                                    <td>{lang.datetime(*ends)}</td>
                                    <td>{lang.text(phase.label())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableBox>
            })}
            <RubricPrizesPartners rubric=detail.rubric.clone() prizes=detail.prizes.clone() partners=detail.partners.clone()/>
            {(!detail.rules.is_empty()).then(|| view! {
                <h2>{lang.text(Key::SetupRulesHeading)}</h2>
                <Paragraphs text=detail.rules.clone()/>
            })}
            <h2>{lang.text(Key::CompetitionTeamsHeading)}</h2>
            {if teams.is_empty() {
                view! { <p>{lang.text(Key::CompetitionNoTeams)}</p> }.into_any()
            } else {
                view! {
                    <TableBox label=lang.text(Key::CompetitionTeamsHeading)>
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{lang.text(Key::CompetitionTeamName)}</th>
                                    <th scope="col">{lang.text(Key::CompetitionTeamAgency)}</th>
                                    <th scope="col">{lang.text(Key::CompetitionTeamRegion)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {teams
                                    .into_iter()
                                    .map(|team| view! {
                                        <tr>
                                            <td>{team.name}</td>
                                            <td>{team.agency}</td>
                                            <td>{team.region.unwrap_or_default()}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </TableBox>
                }
                .into_any()
            }}
        }
        .into_any()
    })
}

/// Text typed in a textarea, shown as paragraphs (blank lines separate them).
#[component]
pub fn Paragraphs(text: String) -> impl IntoView {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view()
}

/// The judging criteria per stage, the prizes and the partners, where set.
#[component]
fn RubricPrizesPartners(
    rubric: Vec<(Stage, Vec<PublicCriterion>)>,
    prizes: Vec<(String, String)>,
    partners: Vec<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        {(!rubric.is_empty()).then(|| view! {
            <h2>{lang.text(Key::CompetitionRubricHeading)}</h2>
            {rubric.into_iter().map(|(stage, criteria)| view! {
                <TableBox label=lang.text(stage.label())>
                    <table class="table">
                        <caption>{lang.text(stage.label())}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{lang.text(Key::CompetitionCriterion)}</th>
                                <th scope="col">{lang.text(Key::CompetitionWeight)}</th>
                                <th scope="col">{lang.text(Key::CompetitionScale)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {criteria.into_iter().map(|c| view! {
                                <tr>
                                    <th scope="row">
                                        {c.name}
                                        {(!c.description.is_empty()).then(|| view! { <br/><span class="muted">{c.description}</span> })}
                                    </th>
                                    <td>{format!("{}%", c.weight)}</td>
                                    <td>{format!("{}–{}", c.scale_min, c.scale_max)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableBox>
            }).collect_view()}
        })}
        {(!prizes.is_empty()).then(|| view! {
            <h2>{lang.text(Key::CompetitionPrizesHeading)}</h2>
            <dl class="prizes">
                {prizes.into_iter().map(|(name, reward)| view! { <dt>{name}</dt><dd>{reward}</dd> }).collect_view()}
            </dl>
        })}
        {(!partners.is_empty()).then(|| view! {
            <h2>{lang.text(Key::CompetitionPartnersHeading)}</h2>
            <ul>{partners.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        })}
    }
}
