//! The organizer's pages after a stage's ranking: the shortlist
//! (`/kelola/{slug}/penilaian/{stage}/daftar-pendek`: a GET preview with each quota's
//! effect, then the form that fixes it) and the presentation schedule
//! (`…/{stage}/jadwal`), with the form pieces `final_pages` shares. Plain forms, no
//! JavaScript needed.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::result_api::{get_schedule, get_shortlist, FixShortlist, SaveSchedule};
use super::{points, AwardKind, QuotaLine, ShortlistNote, QUOTA_ROWS};
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key, Lang};
use crate::site::forms::{form_errors, ErrorSummary, FieldMessages};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::table::TableBox;

pub(super) fn param(name: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

pub(super) fn maybe_points(v: Option<i64>) -> String {
    v.map(points).unwrap_or_else(|| "—".to_string())
}

pub(super) fn award_text(lang: Lang, award: Option<(AwardKind, Option<i32>)>) -> String {
    award.map(|(k, p)| k.title(lang, p)).unwrap_or_default()
}

/// An input whose name is made at run time, with its label and messages.
#[component]
pub(super) fn Input(
    field: String,
    name: String,
    label: String,
    value: String,
    messages: Vec<Key>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] hidden_label: bool,
) -> impl IntoView {
    let id = format!("field-{field}");
    let invalid = !messages.is_empty();
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone() class=("visually-hidden", hidden_label)>{label}</label>
            <FieldMessages messages=messages id=error_id.clone()/>
            <input type=input_type id=id name=name value=value
                aria-invalid=invalid.then_some("true") aria-describedby=invalid.then_some(error_id)/>
        </div>
    }
}

/// A select whose name is made at run time.
#[component]
fn Choice(
    field: String,
    name: String,
    label: String,
    chosen: String,
    options: Vec<(String, String)>,
    messages: Vec<Key>,
) -> impl IntoView {
    let id = format!("field-{field}");
    let invalid = !messages.is_empty();
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{label}</label>
            <FieldMessages messages=messages id=error_id.clone()/>
            <select id=id name=name aria-invalid=invalid.then_some("true") aria-describedby=invalid.then_some(error_id)>
                {options.into_iter().map(|(v, t)| { let sel = v == chosen; view! { <option value=v selected=sel>{t}</option> } }).collect_view()}
            </select>
        </div>
    }
}

/// The effect of each quota, as a table.
#[component]
fn QuotaTable(quotas: Vec<QuotaLine>) -> impl IntoView {
    let lang = use_lang();
    let n = |v: Option<usize>| v.map(|v| v.to_string()).unwrap_or_else(|| "—".to_string());
    (!quotas.is_empty()).then(|| {
        view! {
            <TableBox label=lang.text(Key::ResultsQuotaEffects)>
                <table class="table">
                    <caption>{lang.text(Key::ResultsQuotaEffects)}</caption>
                    <thead><tr>
                        <th scope="col">{lang.text(Key::ResultsQuota)}</th>
                        <th scope="col">{lang.text(Key::ResultsMin)}</th>
                        <th scope="col">{lang.text(Key::ResultsMax)}</th>
                        <th scope="col">{lang.text(Key::ResultsChosen)}</th>
                        <th scope="col">{lang.text(Key::ResultsBroughtIn)}</th>
                        <th scope="col">{lang.text(Key::ResultsKeptOut)}</th>
                        <th scope="col">{lang.text(Key::ResultsUnmet)}</th>
                    </tr></thead>
                    <tbody>
                        {quotas.into_iter().map(|q| view! {
                            <tr>
                                <th scope="row">{q.label}</th>
                                <td>{n(q.min)}</td>
                                <td>{n(q.max)}</td>
                                <td>{q.chosen}</td>
                                <td>{q.brought_in}</td>
                                <td>{q.kept_out}</td>
                                <td>{q.unmet}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
        }
    })
}

/// `/kelola/{slug}/penilaian/{stage}/daftar-pendek`.
#[component]
pub fn ShortlistPage() -> impl IntoView {
    let slug = param("slug");
    let stage = param("stage");
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            let map: std::collections::HashMap<String, String> = ["ke", "jumlah"]
                .into_iter()
                .map(String::from)
                .chain(
                    (1..=QUOTA_ROWS)
                        .flat_map(|n| [format!("kuota{n}"), format!("min{n}"), format!("maks{n}")]),
                )
                .filter_map(|k| q.get(&k).map(|v| (k, v)))
                .collect();
            (slug(), stage(), map)
        },
        |(slug, stage, query)| get_shortlist(slug, stage, query),
    );
    let fix = ServerAction::<FixShortlist>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (fix_errors, other) = form_errors(fix.value().get_untracked());
        let mut values: FieldErrors = page.errors.clone();
        values.merge(&fix_errors);
        let stage_name = lang.text(page.stage.label()).to_string();
        let title = lang.format(
            Key::ResultsShortlistTitle,
            &[("stage", &stage_name), ("competition", &page.title)],
        );
        let results_link = format!(
            "/kelola/{}/penilaian/{}/hasil",
            page.slug,
            page.stage.code()
        );
        let quota_fields: Vec<String> = (1..=QUOTA_ROWS)
            .flat_map(|n| [format!("quota-{n}"), format!("min-{n}"), format!("max-{n}")])
            .collect();
        let body = match page.fixed.clone() {
            Some(f) => view! {
                <p>{lang.format(Key::ResultsShortlistFixedBy, &[
                    ("by", &f.by), ("at", &lang.datetime(f.at)), ("taken", &f.taken.to_string()),
                    ("size", &f.size.to_string()), ("to", lang.text(f.to.label())),
                ])}</p>
                <QuotaTable quotas=f.quotas/>
            }
            .into_any(),
            None => {
                let ask = page.ask.clone();
                let targets: Vec<(String, String)> = page
                    .targets
                    .iter()
                    .map(|s| {
                        (
                            s.code().to_string(),
                            if *s == crate::competitions::Stage::Results {
                                lang.text(Key::ResultsToFinal).to_string()
                            } else {
                                lang.text(s.label()).to_string()
                            },
                        )
                    })
                    .collect();
                let choices: Vec<(String, String)> =
                    std::iter::once((String::new(), lang.text(Key::ResultsQuotaNone).to_string()))
                        .chain(
                            page.choices
                                .iter()
                                .map(|c| (c.code.clone(), c.label.clone())),
                        )
                        .collect();
                let typed = |field: &str, asked: &str| {
                    let kept = page.errors.value(field);
                    if kept.is_empty() {
                        asked.to_string()
                    } else {
                        kept
                    }
                };
                let rows = (1..=QUOTA_ROWS).map(|n| {
                    let (code, min, max) = ask.quotas.get(n - 1).cloned().unwrap_or_default();
                    view! {
                        <fieldset class="criterion">
                            <legend>{lang.format(Key::ResultsQuotaLegend, &[("n", &n.to_string())])}</legend>
                            <Choice field=format!("quota-{n}") name=format!("kuota{n}") label=lang.text(Key::ResultsQuotaValue).to_string()
                                chosen=typed(&format!("quota-{n}"), &code) options=choices.clone() messages=values.messages(&format!("quota-{n}"))/>
                            <Input field=format!("min-{n}") name=format!("min{n}") label=lang.text(Key::ResultsQuotaMin).to_string()
                                value=typed(&format!("min-{n}"), &min) input_type="number" messages=values.messages(&format!("min-{n}"))/>
                            <Input field=format!("max-{n}") name=format!("maks{n}") label=lang.text(Key::ResultsQuotaMax).to_string()
                                value=typed(&format!("max-{n}"), &max) input_type="number" messages=values.messages(&format!("max-{n}"))/>
                        </fieldset>
                    }
                }).collect_view();
                let fix_messages = values.messages("fix");
                let preview = (!page.preview.is_empty()).then(|| {
                    let chosen = page.preview.iter().filter(|l| l.chosen).count();
                    let pairs = ask.pairs();
                    let lines = page.preview.iter().map(|l| {
                        let note = match &l.note {
                            ShortlistNote::None => String::new(),
                            ShortlistNote::BroughtIn(q) => lang.format(Key::ResultsNoteBroughtIn, &[("quota", q)]),
                            ShortlistNote::KeptOut(q) => lang.format(Key::ResultsNoteKeptOut, &[("quota", q)]),
                            ShortlistNote::Displaced => lang.text(Key::ResultsNoteDisplaced).to_string(),
                        };
                        view! {
                            <tr class:row-chosen=l.chosen>
                                <td>{l.rank}</td>
                                <th scope="row">{l.team.clone()}</th>
                                <td>{l.title.clone()}</td>
                                <td>{maybe_points(l.value_milli)}</td>
                                <td>{lang.text(if l.chosen { Key::JudgingYes } else { Key::JudgingNo })}</td>
                                <td>{note}</td>
                            </tr>
                        }
                    }).collect_view();
                    let slug = page.slug.clone();
                    let stage_code = page.stage.code();
                    let hidden = pairs.into_iter().map(|(k, v)| view! { <input type="hidden" name=format!("ask[{k}]") value=v/> }).collect_view();
                    view! {
                        <h2>{lang.format(Key::ResultsPreviewHeading, &[("chosen", &chosen.to_string()), ("ranked", &page.ranked.to_string())])}</h2>
                        <QuotaTable quotas=page.quotas.clone()/>
                        <TableBox label=lang.text(Key::JudgingRankingHeading)>
                            <table class="table">
                                <caption>{lang.text(Key::JudgingRankingHeading)}</caption>
                                <thead><tr>
                                    <th scope="col">{lang.text(Key::JudgingRank)}</th>
                                    <th scope="col">{lang.text(Key::JudgingTeamName)}</th>
                                    <th scope="col">{lang.text(Key::ResultsProposalTitle)}</th>
                                    <th scope="col">{lang.text(Key::JudgingTotal)}</th>
                                    <th scope="col">{lang.text(Key::ResultsOnList)}</th>
                                    <th scope="col">{lang.text(Key::ResultsNote)}</th>
                                </tr></thead>
                                <tbody>{lines}</tbody>
                            </table>
                        </TableBox>
                        <ActionForm action=fix>
                            <input type="hidden" name="slug" value=slug/>
                            <input type="hidden" name="stage" value=stage_code/>
                            {hidden}
                            <p class="hint" id="field-fix-hint">{lang.text(Key::ResultsFixHint)}</p>
                            <FieldMessages messages=fix_messages id="field-fix-error"/>
                            <button type="submit" class="button" id="field-fix" aria-describedby="field-fix-hint">{lang.text(Key::ResultsFix)}</button>
                        </ActionForm>
                    }
                });
                view! {
                    <p>{lang.format(Key::ResultsRankedCount, &[("count", &page.ranked.to_string())])}</p>
                    {(page.unsubmitted > 0).then(|| view! {
                        <p class="field-error">{lang.format(Key::ResultsWaitingSheets, &[("count", &page.unsubmitted.to_string())])}</p>
                    })}
                    <form method="get">
                        <Choice field="to".to_string() name="ke".to_string() label=lang.text(Key::ResultsTo).to_string()
                            chosen=typed("to", &ask.to) options=targets messages=values.messages("to")/>
                        <Input field="size".to_string() name="jumlah".to_string() label=lang.text(Key::ResultsSize).to_string()
                            value=typed("size", &ask.size) input_type="number" messages=values.messages("size")/>
                        <p class="hint">{lang.text(Key::ResultsQuotaHint)}</p>
                        {rows}
                        <button type="submit" class="button button-secondary">{lang.text(Key::ResultsPreview)}</button>
                    </form>
                    {preview}
                }.into_any()
            }
        };
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::SHORTLIST/>
            <ErrorSummary errors=values.clone() other=other fields=vec!["to", "size", "fix"] more_fields=quota_fields/>
            <p><a href=results_link>{lang.format(Key::JudgingResultsTitle, &[("stage", &stage_name), ("competition", &page.title)])}</a></p>
            <h1>{title}</h1>
            {body}
        }
        .into_any()
    })
}

/// `/kelola/{slug}/penilaian/{stage}/jadwal`.
#[component]
pub fn SchedulePage() -> impl IntoView {
    let slug = param("slug");
    let stage = param("stage");
    let data = Resource::new(
        move || (slug(), stage()),
        |(slug, stage)| get_schedule(slug, stage),
    );
    let save = ServerAction::<SaveSchedule>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (errors, other) = form_errors(save.value().get_untracked());
        let title = lang.format(
            Key::ResultsScheduleTitle,
            &[
                ("stage", lang.text(page.stage.label())),
                ("competition", &page.title),
            ],
        );
        let fields: Vec<String> = page
            .slots
            .iter()
            .flat_map(|s| {
                [
                    format!("start-{}", s.proposal_id),
                    format!("minutes-{}", s.proposal_id),
                    format!("place-{}", s.proposal_id),
                ]
            })
            .collect();
        let kept = |field: &str, stored: String| {
            if errors.has_errors() {
                errors.value(field)
            } else {
                stored
            }
        };
        let rows = page.slots.iter().map(|s| {
            let id = s.proposal_id;
            let team = s.team.clone();
            view! {
                <tr>
                    <th scope="row">{s.team.clone()}<br/><span class="hint">{s.title.clone()}</span></th>
                    <td><Input field=format!("start-{id}") name=format!("start[{id}]") hidden_label=true
                        label=lang.format(Key::ResultsSlotStartOf, &[("team", &team)]) input_type="datetime-local"
                        value=kept(&format!("start-{id}"), s.starts_at.map(crate::competitions::setup::fields::format_local).unwrap_or_default())
                        messages=errors.messages(&format!("start-{id}"))/></td>
                    <td><Input field=format!("minutes-{id}") name=format!("minutes[{id}]") hidden_label=true
                        label=lang.format(Key::ResultsSlotMinutesOf, &[("team", &team)]) input_type="number"
                        value=kept(&format!("minutes-{id}"), s.minutes.map(|m| m.to_string()).unwrap_or_default())
                        messages=errors.messages(&format!("minutes-{id}"))/></td>
                    <td><Input field=format!("place-{id}") name=format!("place[{id}]") hidden_label=true
                        label=lang.format(Key::ResultsSlotPlaceOf, &[("team", &team)])
                        value=kept(&format!("place-{id}"), s.place.clone())
                        messages=errors.messages(&format!("place-{id}"))/></td>
                </tr>
            }
        }).collect_view();
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::SCHEDULE/>
            <ErrorSummary errors=errors.clone() other=other fields=vec![] more_fields=fields/>
            <p><a href=format!("/kelola/{}/penilaian/{}", page.slug, page.stage.code())>{lang.text(page.stage.label())}</a></p>
            <h1>{title}</h1>
            <p class="hint">{lang.text(Key::ResultsScheduleHint)}</p>
            {if page.slots.is_empty() {
                view! { <p>{lang.text(Key::JudgingNoEntries)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=save>
                        <input type="hidden" name="slug" value=page.slug.clone()/>
                        <input type="hidden" name="stage" value=page.stage.code()/>
                        <TableBox label=lang.text(Key::ResultsScheduleHeading)>
                            <table class="table">
                                <caption>{lang.text(Key::ResultsScheduleHeading)}</caption>
                                <thead><tr>
                                    <th scope="col">{lang.text(Key::JudgingTeamName)}</th>
                                    <th scope="col">{lang.text(Key::ResultsSlotStart)}</th>
                                    <th scope="col">{lang.text(Key::ResultsSlotMinutes)}</th>
                                    <th scope="col">{lang.text(Key::ResultsSlotPlace)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </TableBox>
                        <button type="submit" class="button">{lang.text(Key::ResultsSaveSchedule)}</button>
                    </ActionForm>
                }.into_any()
            }}
        }
        .into_any()
    })
}
