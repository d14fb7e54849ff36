//! The looking-for-team page of a competition (`/kompetisi/{slug}/cari-tim`): requests
//! addressed to the reader, their own listing (or their team's), a search, the teams
//! looking for members and the people looking for a team; for a mentor or partner of
//! the competition, every team to offer support to (`support_pages`). Plain forms: they
//! work without JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    get_team_forming, AnswerJoinRequest, AskToJoin, InviteSeeker, RemoveSeekerListing,
    SaveSeekerListing, SaveTeamWanted,
};
use super::support_pages::SupportableTeams;
use super::{FormingPage, OpenTeamView, RequestView, SeekerView};
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key};
use crate::organizations::picker::{OrganizationPicker, PickerLabels};
use crate::site::forms::{
    form_errors, typed_or_stored, ErrorSummary, FieldMessages, TextAreaField, TextField,
};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::teams::api::OfferTeamSupport;
use crate::teams::support_pages::OutsideTeams;

#[component]
pub fn TeamFormingPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("q").unwrap_or_default(),
            )
        },
        |(slug, search)| get_team_forming(slug, search),
    );
    let listing = ServerAction::<SaveSeekerListing>::new();
    let unlist = ServerAction::<RemoveSeekerListing>::new();
    let wanted = ServerAction::<SaveTeamWanted>::new();
    let ask = ServerAction::<AskToJoin>::new();
    let invite = ServerAction::<InviteSeeker>::new();
    let answer = ServerAction::<AnswerJoinRequest>::new();
    let offer = ServerAction::<OfferTeamSupport>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (listing_errors, listing_other) = form_errors(listing.value().get_untracked());
        let (_, unlist_other) = form_errors(unlist.value().get_untracked());
        let (wanted_errors, wanted_other) = form_errors(wanted.value().get_untracked());
        let (ask_errors, ask_other) = form_errors(ask.value().get_untracked());
        let (invite_errors, invite_other) = form_errors(invite.value().get_untracked());
        let (answer_errors, answer_other) = form_errors(answer.value().get_untracked());
        let (offer_errors, offer_other) = form_errors(offer.value().get_untracked());
        let mut request_messages = ask_errors.messages("request");
        request_messages.extend(ask_errors.messages("message"));
        request_messages.extend(invite_errors.messages("request"));
        request_messages.extend(invite_errors.messages("message"));
        request_messages.extend(answer_errors.messages("request"));
        let title = lang.text(Key::FormingTitle);
        let heading = lang.format(
            Key::FormingHeading,
            &[("competition", &page.competition_title)],
        );
        let slug = page.slug.clone();
        view! {
            <Title text=title/>
            <NoticeBanner among=Notice::TEAM_FORMING/>
            <ErrorSummary errors=listing_errors.clone() other=listing_other.or(unlist_other) fields=vec!["listing", "skills", "about", "agency", "region"]/>
            <ErrorSummary errors=wanted_errors.clone() other=wanted_other fields=vec!["wanted_skills"]/>
            <ErrorSummary errors=ask_errors other=ask_other.or(invite_other).or(answer_other) fields=vec![]/>
            <ErrorSummary errors=offer_errors.clone() other=offer_other fields=vec!["support"]/>
            {(!request_messages.is_empty()).then(|| view! {
                <div class="error-summary" role="alert" id="field-request">
                    {request_messages.into_iter().map(|key| view! { <p>{lang.text(key)}</p> }).collect_view()}
                </div>
            })}
            <p><a href=format!("/kompetisi/{slug}")>{page.competition_title.clone()}</a></p>
            <h1>{heading}</h1>
            <p class="lead">{lang.text(Key::FormingLead)}</p>
            {(!page.open).then(|| view! { <p>{lang.text(Key::TeamsErrorClosed)}</p> })}
            <Incoming requests=page.incoming.clone() answer/>
            <OwnSide page=page.clone() listing unlist wanted listing_errors wanted_errors/>
            <form method="get" class="search-form" role="search">
                <label for="forming-search">{lang.text(Key::FormingSearch)}</label>
                <p class="hint" id="forming-search-hint">{lang.text(Key::FormingSearchHint)}</p>
                <input id="forming-search" name="q" type="search" value=page.search.clone() aria-describedby="forming-search-hint"/>
                <button type="submit" class="button">{lang.text(Key::FormingSearchSubmit)}</button>
            </form>
            {page.supports_as.map(|role| view! {
                <SupportableTeams role teams=page.supportable.clone() offer errors=offer_errors.clone()/>
            })}
            <h2 id="tim-mencari">{lang.text(Key::FormingTeamsHeading)}</h2>
            {if page.teams.is_empty() {
                view! { <p>{lang.text(Key::FormingNoTeams)}</p> }.into_any()
            } else {
                page.teams.clone().into_iter()
                    .map(|team| view! { <OpenTeam team slug=slug.clone() ask/> })
                    .collect_view()
                    .into_any()
            }}
            <h2 id="orang-mencari">{lang.text(Key::FormingPeopleHeading)}</h2>
            {if page.people.is_empty() {
                view! { <p>{lang.text(Key::FormingNoPeople)}</p> }.into_any()
            } else {
                let own_team = page.own_team.as_ref().map(|t| t.id).unwrap_or(0);
                page.people.clone().into_iter()
                    .map(|person| view! { <Seeker person slug=slug.clone() team=own_team invite/> })
                    .collect_view()
                    .into_any()
            }}
            {page.more.then(|| view! { <p>{lang.text(Key::FormingMore)}</p> })}
            <Outgoing requests=page.outgoing.clone()/>
        }
        .into_any()
    })
}

#[component]
fn Incoming(requests: Vec<RequestView>, answer: ServerAction<AnswerJoinRequest>) -> impl IntoView {
    let lang = use_lang();
    (!requests.is_empty()).then(|| view! {
        <h2 id="permintaan">{lang.text(Key::FormingIncomingHeading)}</h2>
        <ul class="requests">
            {requests.into_iter().map(|r| {
                let text = if r.from_team {
                    lang.format(Key::FormingTeamAsksYou, &[("team", &r.team_name)])
                } else {
                    lang.format(Key::FormingPersonAsksTeam, &[("person", &r.person_name), ("team", &r.team_name)])
                };
                let who = if r.from_team { r.team_name.clone() } else { r.person_name.clone() };
                let accept = lang.format(Key::FormingAccept, &[("who", &who)]);
                let decline = lang.format(Key::FormingDecline, &[("who", &who)]);
                view! {
                    <li>
                        <p>{text}</p>
                        {(!r.message.is_empty()).then(|| view! { <blockquote>{r.message.clone()}</blockquote> })}
                        <ActionForm action=answer attr:class="inline-form">
                            <input type="hidden" name="request" value=r.id/>
                            <input type="hidden" name="answer" value="accept"/>
                            <button type="submit" class="button">{accept}</button>
                        </ActionForm>
                        " "
                        <ActionForm action=answer attr:class="inline-form">
                            <input type="hidden" name="request" value=r.id/>
                            <input type="hidden" name="answer" value="decline"/>
                            <button type="submit" class="link-button">{decline}</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

/// The reader's side: their team's wanted skills when they lead one, a note when they
/// are a member, else their own listing.
#[component]
fn OwnSide(
    page: FormingPage,
    listing: ServerAction<SaveSeekerListing>,
    unlist: ServerAction<RemoveSeekerListing>,
    wanted: ServerAction<SaveTeamWanted>,
    listing_errors: FieldErrors,
    wanted_errors: FieldErrors,
) -> impl IntoView {
    let lang = use_lang();
    let slug = page.slug.clone();
    if let (None, Some(role)) = (&page.own_team, page.outside_as) {
        return view! { <OutsideTeams role slug/> }.into_any();
    }
    match page.own_team.clone() {
        Some(team) if team.is_lead => {
            let errors = typed_or_stored(
                wanted_errors,
                &[("wanted_skills", team.wanted_skills.as_deref().unwrap_or(""))],
            );
            let status = match (&team.wanted_skills, team.has_room) {
                (_, false) => Key::FormingTeamFull,
                (Some(_), true) => Key::FormingTeamListed,
                (None, true) => Key::FormingTeamNotListed,
            };
            view! {
                <h2 id="tim-anda">{lang.format(Key::FormingYourTeam, &[("team", &team.name)])}</h2>
                <p>{lang.text(status)} " " <a href=format!("/tim/{}", team.id)>{lang.text(Key::TeamsOpenTeam)}</a></p>
                {page.open.then(|| view! {
                    <div class="narrow">
                        <ActionForm action=wanted>
                            <input type="hidden" name="slug" value=slug.clone()/>
                            <input type="hidden" name="team" value=team.id/>
                            <TextField name="wanted_skills" label=Key::FormingWantedSkills hint=Key::FormingWantedHint errors/>
                            <button type="submit" class="button">{lang.text(Key::FormingSaveWanted)}</button>
                        </ActionForm>
                    </div>
                })}
            }
            .into_any()
        }
        Some(team) => view! {
            <p>{lang.format(Key::FormingInTeam, &[("team", &team.name)])} " " <a href=format!("/tim/{}", team.id)>{lang.text(Key::TeamsOpenTeam)}</a></p>
        }
        .into_any(),
        None => {
            let own = page.own_listing.clone();
            let errors = typed_or_stored(
                listing_errors,
                &[
                    ("skills", &own.skills),
                    ("about", &own.about),
                    ("agency", &own.agency),
                    ("region", &own.region),
                ],
            );
            let labels = PickerLabels {
                found: lang.text(Key::OrganizationsFound).to_string(),
                chosen: lang.text(Key::OrganizationsChosen).to_string(),
            };
            let agency_errors = errors.clone();
            let listing_messages = errors.messages("listing");
            let regions = page.regions.clone();
            let unlist_slug = slug.clone();
            view! {
                <h2 id="daftar-anda">{lang.text(Key::FormingListingHeading)}</h2>
                <p>{lang.text(if own.listed { Key::FormingYouAreListed } else { Key::FormingListingLead })}</p>
                <FieldMessages messages=listing_messages id="field-listing"/>
                {page.open.then(|| view! {
                    <div class="narrow">
                        <ActionForm action=listing>
                            <input type="hidden" name="slug" value=slug.clone()/>
                            <TextField name="skills" label=Key::FormingSkills hint=Key::FormingSkillsHint errors=errors.clone()/>
                            <TextAreaField name="about" label=Key::FormingAbout hint=Key::FormingAboutHint rows=3 errors=errors.clone()/>
                            <OrganizationPicker input_id="field-agency".to_string() labels>
                                <TextField name="agency" label=Key::TeamsAgency hint=Key::FormingAgencyHint autocomplete="organization" errors=agency_errors/>
                            </OrganizationPicker>
                            <TextField name="region" label=Key::TeamsRegion hint=Key::TeamsRegionHint list="region-choices" errors=errors.clone()/>
                            <datalist id="region-choices">
                                {regions.into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
                            </datalist>
                            <button type="submit" class="button">{lang.text(if own.listed { Key::FormingUpdateListing } else { Key::FormingSaveListing })}</button>
                        </ActionForm>
                    </div>
                })}
                {own.listed.then(|| view! {
                    <ActionForm action=unlist>
                        <input type="hidden" name="slug" value=unlist_slug/>
                        <button type="submit" class="link-button">{lang.text(Key::FormingRemoveListing)}</button>
                    </ActionForm>
                })}
            }
            .into_any()
        }
    }
}

#[component]
fn OpenTeam(team: OpenTeamView, slug: String, ask: ServerAction<AskToJoin>) -> impl IntoView {
    let lang = use_lang();
    let facts = [
        Some(team.agency.clone()),
        team.region.clone(),
        team.category.clone(),
        Some(lang.format(
            Key::FormingMembers,
            &[
                ("count", &team.members.to_string()),
                ("max", &team.team_max.to_string()),
            ],
        )),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let field = format!("ask-message-{}", team.id);
    let button = lang.format(Key::FormingAskButton, &[("team", &team.name)]);
    view! {
        <article class="listing" id=format!("tim-{}", team.id)>
            <h3>{team.name.clone()}</h3>
            <p class="byline">{facts}</p>
            <p><strong>{lang.text(Key::FormingLookingFor)}</strong> " " {team.wanted_skills.clone()}</p>
            {team.can_ask.then(|| view! {
                <ActionForm action=ask>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="team" value=team.id/>
                    <MessageField id=field.clone()/>
                    <button type="submit" class="button">{button}</button>
                </ActionForm>
            })}
        </article>
    }
}

/// The optional note sent with a request to join or an invitation.
#[component]
fn MessageField(id: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{use_lang().text(Key::FormingMessage)}</label>
            <textarea id=id name="message" rows=2 maxlength=500></textarea>
        </div>
    }
}

#[component]
fn Seeker(
    person: SeekerView,
    slug: String,
    team: i32,
    invite: ServerAction<InviteSeeker>,
) -> impl IntoView {
    let lang = use_lang();
    let facts = [person.agency.clone(), person.region.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let field = format!("invite-message-{}", person.user_id);
    let button = lang.format(Key::FormingInviteButton, &[("person", &person.name)]);
    view! {
        <article class="listing" id=format!("orang-{}", person.user_id)>
            <h3>{person.name.clone()}</h3>
            {(!facts.is_empty()).then(|| view! { <p class="byline">{facts}</p> })}
            <p><strong>{lang.text(Key::FormingSkills)}</strong> ": " {person.skills.clone()}</p>
            {(!person.about.is_empty()).then(|| view! { <p>{person.about.clone()}</p> })}
            {person.can_invite.then(|| view! {
                <ActionForm action=invite>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="team" value=team/>
                    <input type="hidden" name="person" value=person.user_id/>
                    <MessageField id=field.clone()/>
                    <button type="submit" class="button">{button}</button>
                </ActionForm>
            })}
        </article>
    }
}

#[component]
fn Outgoing(requests: Vec<RequestView>) -> impl IntoView {
    let lang = use_lang();
    (!requests.is_empty()).then(|| view! {
        <h2 id="permintaan-terkirim">{lang.text(Key::FormingOutgoingHeading)}</h2>
        <ul>
            {requests.into_iter().map(|r| {
                let text = if r.from_team {
                    lang.format(Key::FormingYouAskedPerson, &[("person", &r.person_name), ("team", &r.team_name)])
                } else {
                    lang.format(Key::FormingYouAskedTeam, &[("team", &r.team_name)])
                };
                view! {
                    <li>{text} " · " <span class="status-badge">{lang.text(r.status.label())}</span></li>
                }
            }).collect_view()}
        </ul>
    })
}
