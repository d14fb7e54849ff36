//! The parts of pages about support: the team page's mentors and partners (the lead asks
//! one, and answers their offers), and the note shown instead of registering or joining
//! to someone whose role in the competition keeps them out of its teams.
use leptos::prelude::*;

use super::api::{AnswerTeamSupporter, AskTeamSupporter};
use super::{RequestStatus, TeamView};
use crate::authz::Role;
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key};
use crate::site::forms::{FieldMessages, SelectField};

/// The team's mentors and partners with where each stands; for the lead, the offers to
/// answer and the form to ask one more.
#[component]
pub fn Supporters(
    team: TeamView,
    ask: ServerAction<AskTeamSupporter>,
    answer: ServerAction<AnswerTeamSupporter>,
    errors: FieldErrors,
    answer_errors: FieldErrors,
) -> impl IntoView {
    let lang = use_lang();
    let mut options = vec![(String::new(), lang.text(Key::TeamsChoose).to_string())];
    options.extend(team.available_supporters.iter().map(|(id, name, role)| {
        (
            id.to_string(),
            format!("{name} ({})", lang.text(role.label())),
        )
    }));
    let can_ask = team.is_lead && !team.available_supporters.is_empty();
    let is_lead = team.is_lead;
    view! {
        <h2 id="pendamping">{lang.text(Key::TeamsSupportersHeading)}</h2>
        <FieldMessages messages=answer_errors.messages("support") id="field-support"/>
        {if team.supporters.is_empty() {
            view! { <p>{lang.text(Key::TeamsNoSupporters)}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {team.supporters.into_iter().map(|s| {
                        let open_offer = s.offered && s.status == RequestStatus::Requested;
                        let accept = lang.format(Key::SupportAcceptOffer, &[("name", &s.name)]);
                        let decline = lang.format(Key::SupportDeclineOffer, &[("name", &s.name)]);
                        view! {
                            <li>
                                {s.name.clone()} " · " {lang.text(s.role.label())} " · "
                                {s.offered.then(|| view! { {lang.text(Key::SupportOfferedByThem)} " · " })}
                                {lang.text(s.status.label())}
                                {(is_lead && open_offer).then(|| view! {
                                    <ActionForm action=answer attr:class="inline-form">
                                        <input type="hidden" name="request" value=s.id/>
                                        <input type="hidden" name="answer" value="accept"/>
                                        <button type="submit" class="link-button">{accept}</button>
                                    </ActionForm>
                                    <ActionForm action=answer attr:class="inline-form">
                                        <input type="hidden" name="request" value=s.id/>
                                        <input type="hidden" name="answer" value="decline"/>
                                        <button type="submit" class="link-button">{decline}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        {can_ask.then(|| view! {
            <div class="narrow">
                <ActionForm action=ask>
                    <input type="hidden" name="team" value=team.id/>
                    <SelectField name="supporter" label=Key::TeamsAskSupporter hint=Key::TeamsAskSupporterHint options errors/>
                    <button type="submit" class="button">{lang.text(Key::TeamsSubmitAsk)}</button>
                </ActionForm>
            </div>
        })}
    }
}

/// Why the reader registers no team and joins none in this competition (their role in
/// it), and for a mentor or partner where to find teams to support.
#[component]
pub fn OutsideTeams(role: Role, slug: String) -> impl IntoView {
    let lang = use_lang();
    let supports = matches!(role, Role::Mentor | Role::Partner);
    view! {
        <p>{lang.format(Key::SupportOutsideTeams, &[("role", lang.text(role.label()))])}</p>
        {supports.then(|| view! {
            <p><a class="button" href=format!("/kompetisi/{slug}/cari-tim#didampingi")>{lang.text(Key::SupportFindTeamsLink)}</a></p>
        })}
    }
}
