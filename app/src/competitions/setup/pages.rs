//! The organizers' pages: `/kelola` (their competitions; admins create new ones) and
//! `/kelola/{slug}` (details, timeline, publishing). Plain forms: they work without
//! JavaScript, and a failed save shows every problem with what was typed kept.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{
    get_competition_setup, get_managed_competitions, ChangeStage, CreateCompetition,
    PublishCompetition, SaveCompetitionDetails, SaveCompetitionEligibility, SaveCompetitionPrizes,
    SaveCompetitionRubric, SaveCompetitionTimeline, SaveProposalTemplate,
};
use super::row_fields::{
    criterion_columns, option_columns, prize_columns, section_columns, summary_fields, RowList,
    WeightLabels,
};
use super::rows::stored_values;
use super::{CompetitionSetup, Eligibility, StageDates};
use crate::competitions::{CompetitionKind, CompetitionStatus, Stage, StageAction, StagePhase};
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key, Lang};
use crate::organizations::OrganizationKind;
use crate::site::forms::{
    form_errors, typed_or_stored, ErrorSummary, FieldMessages, SelectField, TextAreaField,
    TextField,
};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::table::TableBox;

fn kind_options(lang: Lang) -> Vec<(String, String)> {
    CompetitionKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), lang.text(k.label()).to_string()))
        .collect()
}

#[component]
pub fn ManageCompetitionsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_managed_competitions());
    let create = ServerAction::<CreateCompetition>::new();
    loaded(data, move |data| {
        let lang = use_lang();
        let (errors, other) = form_errors(create.value().get_untracked());
        let rows = data
            .competitions
            .into_iter()
            .map(|c| {
                view! {
                    <tr>
                        <td><a href=format!("/kelola/{}", c.slug)>{c.title}</a></td>
                        <td>{lang.text(c.kind.label())}</td>
                        <td>{lang.text(c.status.label())}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <Title text=lang.text(Key::SetupManageTitle)/>
            <ErrorSummary errors=errors.clone() other=other fields=vec!["new_title_id", "new_title_en", "new_slug", "new_kind"]/>
            <h1>{lang.text(Key::SetupManageTitle)}</h1>
            {if rows.is_empty() {
                view! { <p>{lang.text(Key::SetupManageNone)}</p> }.into_any()
            } else {
                view! {
                    <TableBox label=lang.text(Key::SetupManageTitle)>
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{lang.text(Key::SetupTitleColumn)}</th>
                                    <th scope="col">{lang.text(Key::SetupKind)}</th>
                                    <th scope="col">{lang.text(Key::SetupStatus)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </TableBox>
                }
                .into_any()
            }}
            {data.can_create.then(|| view! {
                <h2>{lang.text(Key::SetupCreateHeading)}</h2>
                <div class="narrow">
                    <ActionForm action=create>
                        <TextField name="new_title_id" label=Key::SetupTitleId errors=errors.clone()/>
                        <TextField name="new_title_en" label=Key::SetupTitleEn errors=errors.clone()/>
                        <TextField name="new_slug" label=Key::SetupSlug hint=Key::SetupSlugHint errors=errors.clone()/>
                        <SelectField name="new_kind" label=Key::SetupKind options=kind_options(lang) errors/>
                        <button type="submit" class="button">{lang.text(Key::SetupSubmitCreate)}</button>
                    </ActionForm>
                </div>
            })}
        }
        .into_any()
    })
}

/// The values the details form starts with: what was typed on a failed save, else the
/// stored ones.
fn details_values(errors: FieldErrors, setup: &CompetitionSetup) -> FieldErrors {
    let options: Vec<(String, String)> =
        [("categories", &setup.categories), ("groups", &setup.groups)]
            .into_iter()
            .flat_map(|(list, stored)| {
                let rows: Vec<_> = stored.iter().map(|(id, o)| (*id, o.cells())).collect();
                stored_values(list, &rows)
            })
            .collect();
    let options: Vec<(&str, &str)> = options
        .iter()
        .map(|(f, v)| (f.as_str(), v.as_str()))
        .collect();
    let mut stored: Vec<(&str, &str)> = options;
    let kind = setup.kind.code();
    let team_min = setup.team_min.to_string();
    let team_max = setup.team_max.to_string();
    stored.extend_from_slice(&[
        ("title_id", &setup.title_id),
        ("title_en", &setup.title_en),
        ("summary_id", &setup.summary_id),
        ("summary_en", &setup.summary_en),
        ("description_id", &setup.description_id),
        ("description_en", &setup.description_en),
        ("rules_id", &setup.rules_id),
        ("rules_en", &setup.rules_en),
        ("kind", kind),
        ("team_min", &team_min),
        ("team_max", &team_max),
    ]);
    typed_or_stored(errors, &stored)
}

/// The details form's fields, in the order the form shows them.
const DETAIL_FIELDS: [&str; 11] = [
    "title_id",
    "title_en",
    "summary_id",
    "summary_en",
    "description_id",
    "description_en",
    "rules_id",
    "rules_en",
    "kind",
    "team_min",
    "team_max",
];

/// What the error summaries call each field of this page: its label, so that "Enter a
/// summary" says which language and "This stage needs a date" which stage and end.
fn names_for(lang: Lang, stages: &[StageDates]) -> Vec<(String, String)> {
    let labels = [
        ("title_id", Key::SetupTitleId),
        ("title_en", Key::SetupTitleEn),
        ("summary_id", Key::SetupSummaryId),
        ("summary_en", Key::SetupSummaryEn),
        ("description_id", Key::SetupDescriptionId),
        ("description_en", Key::SetupDescriptionEn),
        ("rules_id", Key::SetupRulesId),
        ("rules_en", Key::SetupRulesEn),
        ("kind", Key::SetupKind),
        ("team_min", Key::SetupTeamMin),
        ("team_max", Key::SetupTeamMax),
        ("categories", Key::SetupCategories),
        ("groups", Key::SetupGroups),
    ];
    let mut names: Vec<(String, String)> = labels
        .into_iter()
        .map(|(field, key)| (field.to_string(), lang.text(key).to_string()))
        .collect();
    for stage in stages {
        let name = lang.text(stage.stage.label());
        for (end, key) in [(false, Key::SetupStageStarts), (true, Key::SetupStageEnds)] {
            names.push((
                super::fields::stage_field_name(stage.stage, end),
                lang.format(key, &[("stage", name)]),
            ));
        }
    }
    names
}

/// The categories' and groups' fields for the details form's error summary.
fn option_summary(lang: Lang, values: &FieldErrors) -> (Vec<String>, Vec<(String, String)>) {
    let mut fields = Vec::new();
    let mut names = Vec::new();
    for (list, legend, row) in [
        ("categories", Key::SetupCategories, Key::SetupRowCategory),
        ("groups", Key::SetupGroups, Key::SetupRowGroup),
    ] {
        let (f, n) = summary_fields(
            lang,
            list,
            lang.text(legend),
            row,
            &option_columns(),
            values,
        );
        fields.extend(f);
        names.extend(n);
    }
    (fields, names)
}

/// What the rubric form calls each stage's list: "Rubrik Penilaian berkas".
fn rubric_legend(lang: Lang, stage: Stage) -> String {
    lang.format(
        Key::SetupRubricStage,
        &[("stage", lang.text(stage.label()))],
    )
}

/// What the rubric form shows: what was typed, or each stage's stored criteria.
fn rubric_values(
    errors: FieldErrors,
    stored: &[(Stage, Vec<(i32, super::Criterion)>)],
) -> FieldErrors {
    let pairs: Vec<(String, String)> = Stage::JUDGED
        .into_iter()
        .flat_map(|stage| {
            let rows: Vec<_> = stored
                .iter()
                .filter(|(s, _)| *s == stage)
                .flat_map(|(_, list)| list.iter().map(|(id, c)| (*id, c.cells())))
                .collect();
            stored_values(super::fields::rubric_field_static(stage), &rows)
        })
        .collect();
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(f, v)| (f.as_str(), v.as_str()))
        .collect();
    typed_or_stored(errors, &pairs)
}

fn rubric_summary(lang: Lang, values: &FieldErrors) -> (Vec<String>, Vec<(String, String)>) {
    let mut fields = Vec::new();
    let mut names = Vec::new();
    for stage in Stage::JUDGED {
        let (f, n) = summary_fields(
            lang,
            super::fields::rubric_field_static(stage),
            &rubric_legend(lang, stage),
            Key::SetupRowCriterion,
            &criterion_columns(),
            values,
        );
        fields.extend(f);
        names.extend(n);
    }
    (fields, names)
}

/// What the prizes form shows: what was typed, or the stored prizes and partners.
fn prize_values(
    errors: FieldErrors,
    prizes: &[(i32, super::PrizeLine)],
    partners: &str,
) -> FieldErrors {
    let rows: Vec<_> = prizes.iter().map(|(id, p)| (*id, p.cells())).collect();
    let mut pairs = stored_values("prizes", &rows);
    pairs.push(("partners".to_string(), partners.to_string()));
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(f, v)| (f.as_str(), v.as_str()))
        .collect();
    typed_or_stored(errors, &pairs)
}

/// One row of the timeline: the stage, its start and its end.
#[component]
fn StageRow(stage: StageDates, errors: FieldErrors) -> impl IntoView {
    let lang = use_lang();
    let name = lang.text(stage.stage.label());
    let cells = [(false, stage.starts.clone()), (true, stage.ends.clone())]
        .into_iter()
        .map(|(end, stored)| {
            let field = super::fields::stage_field_name(stage.stage, end);
            let id = format!("field-{field}");
            let messages = errors.messages(&field);
            let invalid = !messages.is_empty();
            let value = if errors.has_errors() {
                errors.value(&field)
            } else {
                stored
            };
            let label = lang.format(
                if end {
                    Key::SetupStageEnds
                } else {
                    Key::SetupStageStarts
                },
                &[("stage", name)],
            );
            view! {
                <td class:field-invalid=invalid>
                    <label class="visually-hidden" for=id.clone()>{label}</label>
                    <FieldMessages messages=messages id=format!("{id}-error")/>
                    <input
                        type="datetime-local"
                        id=id.clone()
                        name=format!("timeline[{field}]")
                        value=value
                        aria-invalid=invalid.then_some("true")
                        aria-describedby=invalid.then(|| format!("{id}-error"))
                    />
                </td>
            }
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row">
                {name}
                {stage.required.then(|| view! { " " <span class="muted">{lang.text(Key::SetupStageRequired)}</span> })}
            </th>
            {cells}
        </tr>
    }
}

#[component]
pub fn CompetitionSetupPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_competition_setup,
    );
    let details = ServerAction::<SaveCompetitionDetails>::new();
    let timeline = ServerAction::<SaveCompetitionTimeline>::new();
    let publish = ServerAction::<PublishCompetition>::new();
    let change = ServerAction::<ChangeStage>::new();
    let eligibility = ServerAction::<SaveCompetitionEligibility>::new();
    let rubric = ServerAction::<SaveCompetitionRubric>::new();
    let prizes = ServerAction::<SaveCompetitionPrizes>::new();
    let template = ServerAction::<SaveProposalTemplate>::new();
    loaded(data, move |setup| {
        let lang = use_lang();
        let (detail_errors, detail_other) = form_errors(details.value().get_untracked());
        let (timeline_errors, timeline_other) = form_errors(timeline.value().get_untracked());
        let (publish_errors, publish_other) = form_errors(publish.value().get_untracked());
        let (change_errors, change_other) = form_errors(change.value().get_untracked());
        let (eligibility_errors, eligibility_other) =
            form_errors(eligibility.value().get_untracked());
        let (rubric_errors, rubric_other) = form_errors(rubric.value().get_untracked());
        let (prize_errors, prize_other) = form_errors(prizes.value().get_untracked());
        let (template_errors, template_other) = form_errors(template.value().get_untracked());
        let template_slug = setup.slug.clone();
        let template_values = {
            let rows: Vec<_> = setup
                .template
                .iter()
                .map(|(id, t)| (*id, t.cells()))
                .collect();
            let pairs = stored_values("template", &rows);
            let pairs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(f, v)| (f.as_str(), v.as_str()))
                .collect();
            typed_or_stored(template_errors, &pairs)
        };
        let (template_fields, template_names) = summary_fields(
            lang,
            "template",
            lang.text(Key::SetupTemplate),
            Key::SetupRowSection,
            &section_columns(),
            &template_values,
        );
        let rubric_values = rubric_values(rubric_errors, &setup.rubric);
        let (rubric_fields, rubric_names) = rubric_summary(lang, &rubric_values);
        let prize_values = prize_values(prize_errors, &setup.prizes, &setup.partners);
        let (mut prize_fields, prize_names) = summary_fields(
            lang,
            "prizes",
            lang.text(Key::SetupPrizes),
            Key::SetupRowPrize,
            &prize_columns(),
            &prize_values,
        );
        prize_fields.push("partners".to_string());
        let rubric_slug = setup.slug.clone();
        let prizes_slug = setup.slug.clone();
        let values = details_values(detail_errors, &setup);
        let (option_fields, option_names) = option_summary(lang, &values);
        let mut detail_names = names_for(lang, &setup.stages);
        detail_names.extend(option_names);
        let stage_fields: Vec<&'static str> = setup
            .stages
            .iter()
            .flat_map(|s| {
                [
                    super::fields::stage_field_static(s.stage, false),
                    super::fields::stage_field_static(s.stage, true),
                ]
            })
            .collect();
        let names = names_for(lang, &setup.stages);
        let mut publish_fields = vec![
            "summary_id",
            "summary_en",
            "description_id",
            "description_en",
            "categories",
        ];
        publish_fields.extend(stage_fields.iter().copied());
        let title = lang.format(
            Key::SetupPageTitle,
            &[(
                "competition",
                match lang {
                    Lang::Id => &setup.title_id,
                    Lang::En => &setup.title_en,
                },
            )],
        );
        let slug = setup.slug.clone();
        let publish_slug = setup.slug.clone();
        let details_slug = setup.slug.clone();
        let timeline_slug = setup.slug.clone();
        let public_href = format!("/kompetisi/{}", setup.slug);
        let published = setup.status == CompetitionStatus::Published;
        let stages = setup.stages.clone();
        let progress = setup
            .stages
            .iter()
            .filter(|s| s.phase.is_some())
            .cloned()
            .collect::<Vec<_>>();
        let changes = setup.changes.clone();
        let progress_slug = setup.slug.clone();
        let eligibility_slug = setup.slug.clone();
        let stored_eligibility = setup.eligibility.clone();
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::SETUP/>
            <ErrorSummary errors=publish_errors other=publish_other fields=publish_fields names=names.clone()/>
            <ErrorSummary errors=values.clone() other=detail_other names=detail_names fields=DETAIL_FIELDS.to_vec() more_fields=option_fields/>
            <ErrorSummary errors=timeline_errors.clone() other=timeline_other fields=stage_fields.clone() names=names.clone()/>
            <ErrorSummary errors=change_errors other=change_other fields=stage_fields names=names.clone()/>
            <ErrorSummary errors=eligibility_errors.clone() other=eligibility_other fields=vec!["eligible", "min_months_running", "max_earlier_wins"]/>
            <ErrorSummary errors=rubric_values.clone() other=rubric_other fields=vec![] more_fields=rubric_fields names=rubric_names/>
            <ErrorSummary errors=prize_values.clone() other=prize_other fields=vec![] more_fields=prize_fields names=prize_names/>
            <ErrorSummary errors=template_values.clone() other=template_other fields=vec![] more_fields=template_fields names=template_names/>
            <p><a href="/kelola">{lang.text(Key::SetupBack)}</a></p>
            <h1>{title}</h1>
            <p>
                {lang.text(Key::SetupStatus)}": "
                <span class="status-badge">{lang.text(setup.status.label())}</span>
            </p>
            <ul>
                {published.then(|| view! {
                    <li><a href=public_href>{lang.text(Key::SetupPublicPage)}</a></li>
                })}
                <li><a href=format!("/kompetisi/{slug}/peran")>{lang.text(Key::RolesManageLink)}</a></li>
                <li><a href=format!("/kelola/{slug}/peserta")>{lang.text(Key::DashboardNav)}</a></li>
            </ul>
            {(!published).then(|| view! {
                <p>{lang.text(Key::SetupPublishLead)}</p>
                <ActionForm action=publish>
                    <input type="hidden" name="slug" value=publish_slug/>
                    <button type="submit" class="button">{lang.text(Key::SetupSubmitPublish)}</button>
                </ActionForm>
            })}

            <h2 id="rincian">{lang.text(Key::SetupDetailsHeading)}</h2>
            <div class="narrow">
                <ActionForm action=details>
                    <input type="hidden" name="slug" value=details_slug/>
                    <TextField name="title_id" label=Key::SetupTitleId errors=values.clone()/>
                    <TextField name="title_en" label=Key::SetupTitleEn errors=values.clone()/>
                    <TextAreaField name="summary_id" label=Key::SetupSummaryId hint=Key::SetupSummaryHint rows=3 errors=values.clone()/>
                    <TextAreaField name="summary_en" label=Key::SetupSummaryEn hint=Key::SetupSummaryHint rows=3 errors=values.clone()/>
                    <TextAreaField name="description_id" label=Key::SetupDescriptionId rows=8 errors=values.clone()/>
                    <TextAreaField name="description_en" label=Key::SetupDescriptionEn rows=8 errors=values.clone()/>
                    <TextAreaField name="rules_id" label=Key::SetupRulesId rows=8 errors=values.clone()/>
                    <TextAreaField name="rules_en" label=Key::SetupRulesEn rows=8 errors=values.clone()/>
                    <SelectField name="kind" label=Key::SetupKind options=kind_options(lang) errors=values.clone()/>
                    <TextField name="team_min" label=Key::SetupTeamMin input_type="number" errors=values.clone()/>
                    <TextField name="team_max" label=Key::SetupTeamMax input_type="number" errors=values.clone()/>
                    <RowList list="categories".to_string() post_as="options" legend=lang.text(Key::SetupCategories).to_string() hint=Key::SetupOptionsHint row_name=Key::SetupRowCategory columns=option_columns() values=values.clone()/>
                    <RowList list="groups".to_string() post_as="options" legend=lang.text(Key::SetupGroups).to_string() hint=Key::SetupOptionsHint row_name=Key::SetupRowGroup columns=option_columns() values/>
                    <button type="submit" class="button">{lang.text(Key::SetupSubmitDetails)}</button>
                </ActionForm>
            </div>

            <h2 id="jadwal">{lang.text(Key::SetupTimelineHeading)}</h2>
            <p>{lang.text(Key::SetupTimelineLead)}</p>
            <ActionForm action=timeline>
                <input type="hidden" name="slug" value=timeline_slug/>
                <TableBox label=lang.text(Key::SetupTimelineHeading)>
                    <table class="table timeline">
                        <thead>
                            <tr>
                                <th scope="col">{lang.text(Key::SetupStage)}</th>
                                <th scope="col">{lang.text(Key::SetupStarts)}</th>
                                <th scope="col">{lang.text(Key::SetupEnds)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {stages
                                .into_iter()
                                .map(|stage| view! { <StageRow stage errors=timeline_errors.clone()/> })
                                .collect_view()}
                        </tbody>
                    </table>
                </TableBox>
                <button type="submit" class="button">{lang.text(Key::SetupSubmitTimeline)}</button>
            </ActionForm>
            <StageProgress slug=progress_slug stages=progress changes action=change/>
            <EligibilityForm slug=eligibility_slug stored=stored_eligibility errors=eligibility_errors action=eligibility/>
            <RubricForm slug=rubric_slug values=rubric_values action=rubric/>
            <PrizesForm slug=prizes_slug values=prize_values action=prizes/>
            <TemplateForm slug=template_slug values=template_values action=template/>
        }
        .into_any()
    })
}

/// Where each dated stage stands by the server clock, with "start now" / "end now", and
/// the record of such changes.
#[component]
fn StageProgress(
    slug: String,
    stages: Vec<StageDates>,
    changes: Vec<super::StageChange>,
    action: ServerAction<ChangeStage>,
) -> impl IntoView {
    let lang = use_lang();
    let rows = stages
        .into_iter()
        .filter_map(|s| s.phase.map(|phase| (s.stage, phase)))
        .map(|(stage, phase)| {
            let name = lang.text(stage.label());
            let button = match phase {
                StagePhase::Upcoming => Some((StageAction::Start, Key::SetupStartNow)),
                StagePhase::Running => Some((StageAction::End, Key::SetupEndNow)),
                StagePhase::Done => None,
            };
            let slug = slug.clone();
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td>{lang.text(phase.label())}</td>
                    <td>
                        {button.map(|(stage_action, key)| view! {
                            <ActionForm action>
                                <input type="hidden" name="slug" value=slug/>
                                <input type="hidden" name="stage" value=stage.code()/>
                                <input type="hidden" name="action" value=stage_action.code()/>
                                <button type="submit" class="link-button">{lang.format(key, &[("stage", name)])}</button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2 id="tahap">{lang.text(Key::SetupProgressHeading)}</h2>
        <p>{lang.text(Key::SetupProgressLead)}</p>
        {if rows.is_empty() {
            view! { <p>{lang.text(Key::SetupProgressNone)}</p> }.into_any()
        } else {
            view! {
                <TableBox label=lang.text(Key::SetupProgressHeading)>
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{lang.text(Key::SetupStage)}</th>
                                <th scope="col">{lang.text(Key::SetupPhase)}</th>
                                <th scope="col">{lang.text(Key::RolesActions)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableBox>
            }
            .into_any()
        }}
        {(!changes.is_empty()).then(|| view! {
            <h3>{lang.text(Key::SetupChangesHeading)}</h3>
            <ul>
                {changes
                    .into_iter()
                    .map(|c| {
                        let key = match c.action {
                            StageAction::Start => Key::SetupChangeStart,
                            StageAction::End => Key::SetupChangeEnd,
                        };
                        let by = c.by.unwrap_or_default();
                        view! {
                            <li>
                                {lang.format(key, &[
                                    ("stage", lang.text(c.stage.label())),
                                    ("at", &lang.datetime(c.at)),
                                    ("planned", &lang.datetime(c.planned_at)),
                                    ("by", &by),
                                ])}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        })}
    }
}

/// Who may enter: a checkbox per kind of organization, months running, earlier wins.
#[component]
fn EligibilityForm(
    slug: String,
    stored: Eligibility,
    errors: FieldErrors,
    action: ServerAction<SaveCompetitionEligibility>,
) -> impl IntoView {
    let lang = use_lang();
    let values = typed_or_stored(
        errors,
        &[
            ("eligible", &Eligibility::kinds_to_codes(&stored.kinds)),
            ("min_months_running", &stored.min_months_running.to_string()),
            (
                "max_earlier_wins",
                &stored
                    .max_earlier_wins
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            ),
        ],
    );
    let chosen = Eligibility::kinds_from_codes(&values.value("eligible"));
    let messages = values.messages("eligible");
    let invalid = !messages.is_empty();
    view! {
        <h2 id="kelayakan">{lang.text(Key::SetupEligibilityHeading)}</h2>
        <div class="narrow">
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                <fieldset class="field" class:field-invalid=invalid id="field-eligible" aria-describedby=invalid.then_some("field-eligible-error")>
                    <legend>{lang.text(Key::SetupEligibleKinds)}</legend>
                    <FieldMessages messages=messages id="field-eligible-error"/>
                    {OrganizationKind::ALL
                        .into_iter()
                        .map(|kind| {
                            let id = format!("eligible-{}", kind.code());
                            view! {
                                <div class="checkbox">
                                    <input type="checkbox" id=id.clone() name=format!("eligible[{}]", kind.code()) checked=chosen.contains(&kind)/>
                                    <label for=id>{lang.text(kind.label())}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <TextField name="min_months_running" label=Key::SetupMinMonths hint=Key::SetupMinMonthsHint input_type="number" errors=values.clone()/>
                <TextField name="max_earlier_wins" label=Key::SetupMaxWins hint=Key::SetupMaxWinsHint input_type="number" errors=values/>
                <button type="submit" class="button">{lang.text(Key::SetupSubmitEligibility)}</button>
            </ActionForm>
        </div>
    }
}

/// The rubric of each judged stage: its criteria as rows, with the stage's total weight.
#[component]
fn RubricForm(
    slug: String,
    values: FieldErrors,
    action: ServerAction<SaveCompetitionRubric>,
) -> impl IntoView {
    let lang = use_lang();
    let labels = WeightLabels {
        total: lang.text(Key::SetupWeightTotal).to_string(),
        complete: lang.text(Key::SetupWeightComplete).to_string(),
        incomplete: lang.text(Key::SetupWeightIncomplete).to_string(),
        empty: lang.text(Key::SetupWeightEmpty).to_string(),
    };
    view! {
        <h2 id="rubrik">{lang.text(Key::SetupRubricHeading)}</h2>
        <p>{lang.text(Key::SetupRubricLead)}</p>
        <div class="narrow">
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                {Stage::JUDGED
                    .into_iter()
                    .map(|stage| view! {
                        <RowList
                            list=super::fields::rubric_field(stage)
                            post_as="rubric"
                            legend=rubric_legend(lang, stage)
                            hint=Key::SetupRubricHint
                            row_name=Key::SetupRowCriterion
                            columns=criterion_columns()
                            values=values.clone()
                            weights=labels.clone()
                        />
                    })
                    .collect_view()}
                <button type="submit" class="button">{lang.text(Key::SetupSubmitRubric)}</button>
            </ActionForm>
        </div>
    }
}

/// Prizes as rows, and partner organizations by their registered names.
#[component]
fn PrizesForm(
    slug: String,
    values: FieldErrors,
    action: ServerAction<SaveCompetitionPrizes>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 id="hadiah">{lang.text(Key::SetupPrizesHeading)}</h2>
        <div class="narrow">
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                <RowList
                    list="prizes".to_string()
                    post_as="prizes"
                    legend=lang.text(Key::SetupPrizes).to_string()
                    hint=Key::SetupPrizesHint
                    row_name=Key::SetupRowPrize
                    columns=prize_columns()
                    values=values.clone()
                />
                <TextAreaField name="partners" label=Key::SetupPartners hint=Key::SetupPartnersHint rows=4 errors=values/>
                <button type="submit" class="button">{lang.text(Key::SetupSubmitPrizes)}</button>
            </ActionForm>
        </div>
    }
}

/// The proposal template: its sections as rows, each with its word limit.
#[component]
fn TemplateForm(
    slug: String,
    values: FieldErrors,
    action: ServerAction<SaveProposalTemplate>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 id="templat">{lang.text(Key::SetupTemplateHeading)}</h2>
        <p>{lang.text(Key::SetupTemplateLead)}</p>
        <div class="narrow">
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                <RowList
                    list="template".to_string()
                    post_as="template"
                    legend=lang.text(Key::SetupTemplate).to_string()
                    hint=Key::SetupTemplateHint
                    row_name=Key::SetupRowSection
                    columns=section_columns()
                    values
                />
                <button type="submit" class="button">{lang.text(Key::SetupSubmitTemplate)}</button>
            </ActionForm>
        </div>
    }
}
