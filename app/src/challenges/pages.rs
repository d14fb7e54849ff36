//! The challenges of a competition (`/kompetisi/{slug}/tantangan`): the list for
//! everyone, and for organizers, mentors and partners the form to post or change one
//! (`?ubah={id}`). Plain forms: they work without JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_challenges, RemoveChallenge, SaveChallenge};
use super::{ChallengeDraft, ChallengeView, ChallengesPage};
use crate::competitions::pages::Paragraphs;
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key};
use crate::organizations::picker::{OrganizationPicker, PickerLabels};
use crate::site::forms::{
    form_errors, typed_or_stored, ErrorSummary, FieldMessages, TextAreaField, TextField,
};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};

const FIELDS: [&str; 7] = [
    "challenge",
    "organization",
    "title",
    "problem",
    "data_offered",
    "contact",
    "prize",
];

#[component]
pub fn ChallengeListPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query
                    .read()
                    .get("ubah")
                    .and_then(|id| id.parse::<i32>().ok()),
            )
        },
        |(slug, edit)| get_challenges(slug, edit),
    );
    let save = ServerAction::<SaveChallenge>::new();
    let remove = ServerAction::<RemoveChallenge>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (errors, other) = form_errors(save.value().get_untracked());
        let (remove_errors, remove_other) = form_errors(remove.value().get_untracked());
        let title = lang.format(
            Key::ChallengesTitle,
            &[("competition", &page.competition_title)],
        );
        let slug = page.slug.clone();
        let list = page.challenges.clone();
        let show_form = page.can_post && page.open;
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::CHALLENGES/>
            <ErrorSummary errors=errors.clone() other=other fields=FIELDS.to_vec()/>
            <ErrorSummary errors=remove_errors.clone() other=remove_other fields=vec!["challenge"]/>
            <p><a href=format!("/kompetisi/{slug}")>{page.competition_title.clone()}</a></p>
            <h1>{title}</h1>
            <p class="lead">{lang.text(Key::ChallengesLead)}</p>
            {if list.is_empty() {
                view! { <p>{lang.text(Key::ChallengesNone)}</p> }.into_any()
            } else {
                list.into_iter()
                    .map(|challenge| view! {
                        <ChallengeArticle challenge slug=slug.clone() open=page.open remove/>
                    })
                    .collect_view()
                    .into_any()
            }}
            {if show_form {
                view! { <ChallengeFormView page=page.clone() save errors/> }.into_any()
            } else if !page.can_post {
                view! { <p>{lang.text(Key::ChallengesWhoPosts)}</p> }.into_any()
            } else {
                view! { <p>{lang.text(Key::ChallengesErrorClosed)}</p> }.into_any()
            }}
        }
        .into_any()
    })
}

#[component]
fn ChallengeArticle(
    challenge: ChallengeView,
    slug: String,
    open: bool,
    remove: ServerAction<RemoveChallenge>,
) -> impl IntoView {
    let lang = use_lang();
    let byline = match &challenge.region {
        Some(region) => format!("{} · {region}", challenge.organization),
        None => challenge.organization.clone(),
    };
    let teams = lang.format(
        Key::ChallengesTeamsAnswering,
        &[("count", &challenge.teams.to_string())],
    );
    let editable = challenge.can_edit && open;
    let removable = editable && challenge.teams == 0;
    let edit_label = lang.format(Key::ChallengesEdit, &[("title", &challenge.title)]);
    let remove_label = lang.format(Key::ChallengesRemove, &[("title", &challenge.title)]);
    let id = challenge.id;
    view! {
        <article class="challenge" id=format!("tantangan-{id}")>
            <h2>{challenge.title.clone()}</h2>
            <p class="byline">{byline}</p>
            <h3>{lang.text(Key::ChallengesProblem)}</h3>
            <Paragraphs text=challenge.problem.clone()/>
            {(!challenge.data_offered.is_empty()).then(|| view! {
                <h3>{lang.text(Key::ChallengesDataOffered)}</h3>
                <Paragraphs text=challenge.data_offered.clone()/>
            })}
            <dl class="facts">
                <dt>{lang.text(Key::ChallengesContact)}</dt>
                <dd>{challenge.contact.clone()}</dd>
                {(!challenge.prize.is_empty()).then(|| view! {
                    <dt>{lang.text(Key::ChallengesPrize)}</dt>
                    <dd>{challenge.prize.clone()}</dd>
                })}
                <dt>{lang.text(Key::ChallengesTeams)}</dt>
                <dd>{teams}</dd>
            </dl>
            {editable.then(|| view! {
                <p><a href=format!("/kompetisi/{slug}/tantangan?ubah={id}#form-tantangan")>{edit_label}</a></p>
            })}
            {removable.then(|| view! {
                <ActionForm action=remove>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="challenge" value=id/>
                    <button type="submit" class="link-button">{remove_label}</button>
                </ActionForm>
            })}
        </article>
    }
}

/// The post/edit form: what was typed after a refused save, else the challenge being
/// edited, else empty.
#[component]
fn ChallengeFormView(
    page: ChallengesPage,
    save: ServerAction<SaveChallenge>,
    errors: FieldErrors,
) -> impl IntoView {
    let lang = use_lang();
    let editing = page.editing.clone();
    let draft: ChallengeDraft = editing.clone().unwrap_or_default();
    let errors = typed_or_stored(
        errors,
        &[
            ("organization", &draft.organization),
            ("title", &draft.title),
            ("problem", &draft.problem),
            ("data_offered", &draft.data_offered),
            ("contact", &draft.contact),
            ("prize", &draft.prize),
        ],
    );
    let heading = lang.text(if editing.is_some() {
        Key::ChallengesEditHeading
    } else {
        Key::ChallengesPostHeading
    });
    let labels = PickerLabels {
        found: lang.text(Key::OrganizationsFound).to_string(),
        chosen: lang.text(Key::OrganizationsChosen).to_string(),
    };
    let own = (!page.organizer && !page.own_organizations.is_empty()).then(|| {
        lang.format(
            Key::ChallengesYourOrganizations,
            &[("names", &page.own_organizations.join(", "))],
        )
    });
    let organization_errors = errors.clone();
    let challenge_messages = errors.messages("challenge");
    view! {
        <h2 id="form-tantangan">{heading}</h2>
        <div class="narrow">
            <FieldMessages messages=challenge_messages id="field-challenge"/>
            {own.map(|text| view! { <p>{text}</p> })}
            <ActionForm action=save>
                <input type="hidden" name="slug" value=page.slug.clone()/>
                {editing.and_then(|d| d.id).map(|id| view! { <input type="hidden" name="challenge" value=id/> })}
                <OrganizationPicker input_id="field-organization".to_string() labels>
                    <TextField name="organization" label=Key::ChallengesOrganization hint=Key::ChallengesOrganizationHint autocomplete="organization" errors=organization_errors/>
                </OrganizationPicker>
                <TextField name="title" label=Key::ChallengesTitleField errors=errors.clone()/>
                <TextAreaField name="problem" label=Key::ChallengesProblem hint=Key::ChallengesProblemHint rows=8 errors=errors.clone()/>
                <TextAreaField name="data_offered" label=Key::ChallengesDataOffered hint=Key::ChallengesDataHint rows=4 errors=errors.clone()/>
                <TextField name="contact" label=Key::ChallengesContact hint=Key::ChallengesContactHint errors=errors.clone()/>
                <TextField name="prize" label=Key::ChallengesPrize hint=Key::ChallengesPrizeHint errors=errors.clone()/>
                <button type="submit" class="button">{lang.text(Key::ChallengesSubmit)}</button>
            </ActionForm>
        </div>
    }
}
