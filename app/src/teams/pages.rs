//! Team pages: register a team (`/kompetisi/{slug}/daftar-tim`), the team
//! (`/tim/{id}`), join by code (`/gabung?kode=`); the reader's teams (`/tim`) are in
//! `my_teams_page`, the parts about support in `support_pages`. Plain forms: they work
//! without JavaScript. Each page offers only what the server allows the reader.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    get_join, get_team, get_team_registration, AnswerTeamSupporter, AskTeamSupporter,
    InviteTeamMember, JoinTeam, NewTeamCode, RegisterTeam, RemoveTeamMember,
};
use super::support_pages::{OutsideTeams, Supporters};
use super::TeamView;
use crate::challenges::api::ChooseTeamChallenge;
use crate::i18n::{use_lang, Key};
use crate::organizations::picker::{OrganizationPicker, PickerLabels};
use crate::site::forms::{
    form_errors, typed_or_stored, ErrorSummary, FieldMessages, SelectField, TextField,
};
use crate::site::loaded::{loaded, loaded_or_missing};
use crate::site::notice::{Notice, NoticeBanner};

#[component]
pub fn TeamRegisterPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_team_registration,
    );
    let register = ServerAction::<RegisterTeam>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (errors, other) = form_errors(register.value().get_untracked());
        let title = lang.format(
            Key::TeamsRegisterTitle,
            &[("competition", &page.competition_title)],
        );
        let back = format!("/kompetisi/{}", page.slug);
        if let Some(role) = page.outside_as {
            return view! {
                <Title text=title.clone()/>
                <div class="narrow">
                    <h1>{title}</h1>
                    <OutsideTeams role slug=page.slug.clone()/>
                    <p><a href=back>{lang.text(Key::TeamsBackToCompetition)}</a></p>
                </div>
            }
            .into_any();
        }
        if let Some(team) = page.own_team {
            return view! {
                <Title text=title.clone()/>
                <div class="narrow">
                    <h1>{title}</h1>
                    <p>{lang.text(Key::TeamsAlreadyRegistered)}</p>
                    <p><a href=format!("/tim/{team}")>{lang.text(Key::TeamsOpenTeam)}</a></p>
                </div>
            }
            .into_any();
        }
        if !page.open {
            return view! {
                <Title text=title.clone()/>
                <div class="narrow">
                    <h1>{title}</h1>
                    <p>{lang.text(Key::TeamsErrorClosed)}</p>
                    <p><a href=back>{lang.text(Key::TeamsBackToCompetition)}</a></p>
                </div>
            }
            .into_any();
        }
        let mut categories = vec![(String::new(), lang.text(Key::TeamsChoose).to_string())];
        categories.extend(
            page.categories
                .iter()
                .map(|c| (c.id.to_string(), c.name.clone())),
        );
        let mut groups = vec![(String::new(), lang.text(Key::TeamsChoose).to_string())];
        groups.extend(
            page.groups
                .iter()
                .map(|c| (c.id.to_string(), c.name.clone())),
        );
        let labels = PickerLabels {
            found: lang.text(Key::OrganizationsFound).to_string(),
            chosen: lang.text(Key::OrganizationsChosen).to_string(),
        };
        let team_messages = errors.messages("team");
        // A first visit starts from the person's approved agency and the only group.
        let errors = typed_or_stored(
            errors,
            &[
                ("agency", &page.agency),
                ("region", &page.region),
                ("group", &page.group),
            ],
        );
        let agency_errors = errors.clone();
        view! {
            <Title text=title.clone()/>
            <div class="narrow">
                <ErrorSummary errors=errors.clone() other=other fields=vec!["team", "name", "agency", "region", "category", "group"]/>
                <p><a href=back>{lang.text(Key::TeamsBackToCompetition)}</a></p>
                <h1>{title}</h1>
                <p>{lang.format(Key::TeamsRegisterLead, &[
                    ("min", &page.team_min.to_string()),
                    ("max", &page.team_max.to_string()),
                    ("date", &lang.datetime(page.registration_closes_at)),
                ])}</p>
                <FieldMessages messages=team_messages id="field-team"/>
                <ActionForm action=register>
                    <input type="hidden" name="slug" value=page.slug.clone()/>
                    <TextField name="name" label=Key::TeamsName hint=Key::TeamsNameHint errors=errors.clone()/>
                    <OrganizationPicker input_id="field-agency".to_string() labels>
                        <TextField name="agency" label=Key::TeamsAgency hint=Key::TeamsAgencyHint autocomplete="organization" errors=agency_errors/>
                    </OrganizationPicker>
                    <TextField name="region" label=Key::TeamsRegion hint=Key::TeamsRegionHint list="region-choices" errors=errors.clone()/>
                    <datalist id="region-choices">
                        {page.regions.into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
                    </datalist>
                    {(!page.categories.is_empty()).then(|| view! {
                        <SelectField name="category" label=Key::TeamsCategory options=categories errors=errors.clone()/>
                    })}
                    {(!page.groups.is_empty()).then(|| view! {
                        <SelectField name="group" label=Key::TeamsGroup options=groups errors=errors.clone()/>
                    })}
                    <button type="submit" class="button">{lang.text(Key::TeamsSubmitRegister)}</button>
                </ActionForm>
            </div>
        }
        .into_any()
    })
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or(0)
        },
        get_team,
    );
    let invite = ServerAction::<InviteTeamMember>::new();
    let remove = ServerAction::<RemoveTeamMember>::new();
    let code = ServerAction::<NewTeamCode>::new();
    let ask = ServerAction::<AskTeamSupporter>::new();
    let answer = ServerAction::<AnswerTeamSupporter>::new();
    let choose = ServerAction::<ChooseTeamChallenge>::new();
    loaded(data, move |team| {
        let lang = use_lang();
        let (invite_errors, invite_other) = form_errors(invite.value().get_untracked());
        let (remove_errors, remove_other) = form_errors(remove.value().get_untracked());
        let (ask_errors, ask_other) = form_errors(ask.value().get_untracked());
        let (answer_errors, answer_other) = form_errors(answer.value().get_untracked());
        let (_, code_other) = form_errors(code.value().get_untracked());
        let (choose_errors, choose_other) = form_errors(choose.value().get_untracked());
        view! {
            <Title text=team.name.clone()/>
            <NoticeBanner among=Notice::TEAMS/>
            <ErrorSummary errors=invite_errors.clone() other=invite_other fields=vec!["invite_email"]/>
            <ErrorSummary errors=remove_errors.clone() other=remove_other.or(code_other) fields=vec!["members"]/>
            <ErrorSummary errors=ask_errors.clone() other=ask_other fields=vec!["supporter"]/>
            <ErrorSummary errors=answer_errors.clone() other=answer_other fields=vec!["support"]/>
            <ErrorSummary errors=choose_errors.clone() other=choose_other fields=vec!["challenge"]/>
            <p><a href=format!("/kompetisi/{}", team.competition_slug)>{team.competition_title.clone()}</a></p>
            <h1>{team.name.clone()}</h1>
            <TeamFacts team=team.clone()/>
            <p>
                <a class="button" href=format!("/tim/{}/proposal", team.id)>{lang.text(proposal_link(&team))}</a>
                " "
                <a href=format!("/tim/{}/hasil", team.id)>{lang.text(Key::ResultsTeamLink)}</a>
            </p>
            <TeamChallengeSection team=team.clone() choose errors=choose_errors/>
            <Members team=team.clone() remove errors=remove_errors/>
            {team.is_lead.then(|| view! {
                <InvitePanel team=team.clone() invite code errors=invite_errors/>
            })}
            <Supporters team=team.clone() ask answer errors=ask_errors answer_errors/>
        }
        .into_any()
    })
}

/// What the link to the proposal offers the reader: members write it, accepted mentors
/// and partners comment on it, organizers read it.
fn proposal_link(team: &TeamView) -> Key {
    if team.is_member {
        Key::SupportWriteProposal
    } else if team.comments {
        Key::SupportCommentProposal
    } else {
        Key::SupportReadProposal
    }
}

/// The challenge the team answers; the lead chooses it while challenges are open.
#[component]
fn TeamChallengeSection(
    team: TeamView,
    choose: ServerAction<ChooseTeamChallenge>,
    errors: crate::error::FieldErrors,
) -> impl IntoView {
    let lang = use_lang();
    let challenge = team.challenge;
    if challenge.choices.is_empty() {
        return None;
    }
    let chosen = challenge
        .chosen
        .and_then(|id| challenge.choices.iter().find(|(c, _)| *c == id))
        .map(|(_, name)| name.clone());
    let chosen_id = challenge
        .chosen
        .map(|id| id.to_string())
        .unwrap_or_default();
    let errors = typed_or_stored(errors, &[("challenge", &chosen_id)]);
    let mut options = vec![(
        String::new(),
        lang.text(Key::ChallengesNoneChosen).to_string(),
    )];
    options.extend(
        challenge
            .choices
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone())),
    );
    let list = format!("/kompetisi/{}/tantangan", team.competition_slug);
    Some(view! {
        <h2 id="tantangan">{lang.text(Key::ChallengesTeamHeading)}</h2>
        <p>
            {match chosen {
                Some(name) => lang.format(Key::ChallengesTeamAnswers, &[("challenge", &name)]),
                None => lang.text(Key::ChallengesTeamNone).to_string(),
            }}
            " " <a href=list>{lang.text(Key::ChallengesReadAll)}</a>
        </p>
        {challenge.can_choose.then(|| view! {
            <div class="narrow">
                <ActionForm action=choose>
                    <input type="hidden" name="team" value=team.id/>
                    <SelectField name="challenge" label=Key::ChallengesChoose options errors/>
                    <button type="submit" class="button">{lang.text(Key::ChallengesSubmitChoice)}</button>
                </ActionForm>
            </div>
        })}
    })
}

#[component]
fn TeamFacts(team: TeamView) -> impl IntoView {
    let lang = use_lang();
    let rows = [
        (Key::TeamsAgency, Some(team.agency)),
        (Key::TeamsRegion, team.region),
        (Key::TeamsCategory, team.category),
        (Key::TeamsGroup, team.group),
    ];
    view! {
        <dl class="facts">
            {rows
                .into_iter()
                .filter_map(|(key, value)| value.map(|v| view! { <dt>{lang.text(key)}</dt><dd>{v}</dd> }))
                .collect_view()}
        </dl>
        <p>
            {if team.registration_open {
                lang.format(Key::TeamsOpenUntil, &[("date", &lang.datetime(team.registration_closes_at))])
            } else {
                lang.text(Key::TeamsErrorClosed).to_string()
            }}
        </p>
    }
}

#[component]
fn Members(
    team: TeamView,
    remove: ServerAction<RemoveTeamMember>,
    errors: crate::error::FieldErrors,
) -> impl IntoView {
    let lang = use_lang();
    let count = team.members.len();
    let short = (count as i32) < team.team_min;
    let messages = errors.messages("members");
    let team_id = team.id;
    let can_change = team.registration_open;
    let is_lead = team.is_lead;
    view! {
        <h2 id="anggota">{lang.text(Key::TeamsMembersHeading)}</h2>
        <p id="field-members">
            {lang.format(Key::TeamsSize, &[
                ("count", &count.to_string()),
                ("min", &team.team_min.to_string()),
                ("max", &team.team_max.to_string()),
            ])}
            {short.then(|| view! { " " <strong>{lang.text(Key::TeamsTooSmall)}</strong> })}
        </p>
        <FieldMessages messages=messages/>
        <ul class="members">
            {team
                .members
                .into_iter()
                .map(|m| {
                    let button = if m.is_lead || !can_change {
                        None
                    } else if is_lead {
                        Some(lang.format(Key::TeamsRemoveMember, &[("name", &m.name)]))
                    } else {
                        None
                    };
                    view! {
                        <li>
                            {m.name.clone()}
                            {m.is_lead.then(|| view! { " " <span class="status-badge">{lang.text(Key::TeamsLead)}</span> })}
                            {button.map(|label| view! {
                                <ActionForm action=remove attr:class="inline-form">
                                    <input type="hidden" name="team" value=team_id/>
                                    <input type="hidden" name="member" value=m.user_id/>
                                    <button type="submit" class="link-button">{label}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {(team.is_member && !is_lead && can_change).then(|| {
            let me = team.viewer_id;
            view! {
                <ActionForm action=remove>
                    <input type="hidden" name="team" value=team_id/>
                    <input type="hidden" name="member" value=me/>
                    <button type="submit" class="link-button">{lang.text(Key::TeamsLeave)}</button>
                </ActionForm>
            }
        })}
    }
}

#[component]
fn InvitePanel(
    team: TeamView,
    invite: ServerAction<InviteTeamMember>,
    code: ServerAction<NewTeamCode>,
    errors: crate::error::FieldErrors,
) -> impl IntoView {
    let lang = use_lang();
    let join_code = team.join_code.clone().unwrap_or_default();
    view! {
        <h2>{lang.text(Key::TeamsInviteHeading)}</h2>
        {if team.registration_open {
            view! {
                <p>{lang.text(Key::TeamsCodeLead)}</p>
                <p class="join-code">
                    {lang.text(Key::TeamsCode)}": " <strong><code>{join_code.clone()}</code></strong>
                    " · "
                    <a href=format!("/gabung?kode={join_code}")>{lang.text(Key::TeamsJoinLink)}</a>
                </p>
                <ActionForm action=code>
                    <input type="hidden" name="team" value=team.id/>
                    <button type="submit" class="link-button">{lang.text(Key::TeamsNewCode)}</button>
                </ActionForm>
                <div class="narrow">
                    <ActionForm action=invite>
                        <input type="hidden" name="team" value=team.id/>
                        <TextField name="invite_email" label=Key::TeamsInviteEmail hint=Key::TeamsInviteHint input_type="email" autocomplete="off" errors/>
                        <button type="submit" class="button">{lang.text(Key::TeamsSubmitInvite)}</button>
                    </ActionForm>
                </div>
            }
            .into_any()
        } else {
            view! { <p>{lang.text(Key::TeamsErrorClosed)}</p> }.into_any()
        }}
        {(!team.invites.is_empty()).then(|| view! {
            <h3>{lang.text(Key::TeamsInvitesHeading)}</h3>
            <ul>
                {team.invites.into_iter().map(|(email, joined)| view! {
                    <li>
                        {email} " · "
                        {lang.text(if joined { Key::TeamsInviteJoined } else { Key::TeamsInvitePending })}
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
pub fn JoinTeamPage() -> impl IntoView {
    let query = use_query_map();
    let code = query.read_untracked().get("kode").unwrap_or_default();
    let data = Resource::new(
        move || query.read().get("kode").unwrap_or_default(),
        |code| async move {
            if code.trim().is_empty() {
                Ok(None)
            } else {
                get_join(code).await.map(Some)
            }
        },
    );
    let join = ServerAction::<JoinTeam>::new();
    let unknown = {
        let code = code.clone();
        move || {
            let lang = use_lang();
            let title = lang.text(Key::TeamsJoinTitle);
            view! {
                <Title text=title/>
                <div class="narrow">
                    <h1>{title}</h1>
                    <p role="alert">{lang.text(Key::TeamsCodeUnknown)}</p>
                    <CodeForm code=code.clone()/>
                </div>
            }
        }
    };
    loaded_or_missing(data, unknown, move |view| {
        let lang = use_lang();
        let title = lang.text(Key::TeamsJoinTitle);
        let (errors, other) = form_errors(join.value().get_untracked());
        let Some(view) = view else {
            return view! {
                <Title text=title/>
                <div class="narrow">
                    <h1>{title}</h1>
                    <p>{lang.text(Key::TeamsJoinLead)}</p>
                    <CodeForm code=code.clone()/>
                </div>
            }
            .into_any();
        };
        let heading = lang.format(Key::TeamsJoinHeading, &[("team", &view.team_name)]);
        let next = format!("/gabung?kode={}", view.code);
        let body = match (view.signed_in, view.blocked) {
            (false, _) => view! {
                <p>{lang.text(Key::TeamsJoinSignIn)}</p>
                <p>
                    <a class="button" href=crate::site::paths::with_next("/masuk", &next)>
                        {lang.text(Key::AccountsSignIn)}
                    </a>
                    " "
                    <a href=crate::site::paths::with_next("/daftar", &next)>{lang.text(Key::AccountsSignUp)}</a>
                </p>
            }
            .into_any(),
            (true, Some(name)) => {
                let key = Key::from_name(&name).unwrap_or(Key::TeamsErrorClosed);
                view! { <p role="alert">{lang.text(key)}</p> }.into_any()
            }
            (true, None) => view! {
                <ActionForm action=join>
                    <input type="hidden" name="code" value=view.code.clone()/>
                    <button type="submit" class="button">{lang.text(Key::TeamsSubmitJoin)}</button>
                </ActionForm>
            }
            .into_any(),
        };
        view! {
            <Title text=heading.clone()/>
            <div class="narrow">
                <ErrorSummary errors other fields=vec!["code"]/>
                <h1>{heading}</h1>
                <p>{lang.format(Key::TeamsJoinFacts, &[
                    ("competition", &view.competition_title),
                    ("count", &view.members.to_string()),
                    ("max", &view.team_max.to_string()),
                ])}</p>
                {body}
            </div>
        }
        .into_any()
    })
}

/// A plain GET form for typing a code.
#[component]
fn CodeForm(code: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="get" action="/gabung">
            <div class="field">
                <label for="field-kode">{lang.text(Key::TeamsCode)}</label>
                <p class="hint" id="field-kode-hint">{lang.text(Key::TeamsCodeHint)}</p>
                <input id="field-kode" name="kode" value=code autocomplete="off" aria-describedby="field-kode-hint"/>
            </div>
            <button type="submit" class="button">{lang.text(Key::TeamsSubmitCode)}</button>
        </form>
    }
}
