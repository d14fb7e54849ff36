//! Judging's pages. Organizers: `/kelola/{slug}/penilaian` (selection, stages, the
//! record), `/kelola/{slug}/penilaian/{stage}` (assignment), `/kelola/{slug}/konflik`.
//! Jurors: `/penilaian` and `/penilaian/{slug}`. Plain forms, no JavaScript needed.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{
    get_conflicts, get_judging, get_judging_record, get_judging_stage, get_juror_desk,
    get_my_judging, AddAssignment, CloseSelection, DecideConflict, DeclareConflict, RemindJurors,
    RemoveAssignment, RunAssignment, SaveExpertise,
};
use super::{kind_label, ChainCheck, ConflictReason, EntryRow, SheetState, StageView};
use crate::i18n::{use_lang, Key, Lang};
use crate::site::forms::{
    form_errors, typed_or_stored, ErrorSummary, FieldMessages, SelectField, TextAreaField,
    TextField,
};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::table::TableBox;

fn param(name: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

fn reasons_text(lang: Lang, reasons: &[ConflictReason]) -> String {
    reasons
        .iter()
        .map(|r| lang.text(r.label()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether the judging record still hashes to its chain, and where it breaks.
#[component]
fn ChainStatus(chain: ChainCheck) -> impl IntoView {
    let lang = use_lang();
    match chain.broken_at {
        None => view! {
            <p>{lang.format(Key::JudgingChainIntact, &[("count", &chain.entries.to_string()), ("head", &chain.head)])}</p>
        }
        .into_any(),
        Some(seq) => view! {
            <p class="field-error">{lang.format(Key::JudgingChainBroken, &[("seq", &seq.to_string())])}</p>
        }
        .into_any(),
    }
}

/// `/kelola/{slug}/penilaian`.
#[component]
pub fn JudgingPage() -> impl IntoView {
    let slug = param("slug");
    let data = Resource::new(slug, get_judging);
    let close = ServerAction::<CloseSelection>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (errors, other) = form_errors(close.value().get_untracked());
        let title = lang.format(Key::JudgingTitle, &[("competition", &page.title)]);
        let s = page.selection.clone();
        let slug = page.slug.clone();
        let base = format!("/kelola/{slug}");
        let roles_link = format!("/kompetisi/{slug}/peran");
        let record_link = format!("/kelola/{slug}/catatan-penilaian");
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::JUDGING/>
            <ErrorSummary errors=errors.clone() other=other fields=vec!["close"]/>
            <p>
                <a href=base.clone()>{lang.text(Key::JudgingBackToSetup)}</a>
                " · "
                <a href=format!("{base}/peserta")>{lang.text(Key::JudgingParticipants)}</a>
                " · "
                <a href=format!("{base}/konflik")>{lang.text(Key::JudgingConflictsLink)}</a>
                " · "
                <a href=format!("{base}/hasil-akhir")>{lang.text(Key::ResultsFinalLink)}</a>
            </p>
            <h1>{title}</h1>
            <h2>{lang.text(Key::StagesAdministrativeSelection)}</h2>
            <dl class="facts">
                <dt>{lang.text(Key::JudgingSubmitted)}</dt><dd>{s.submitted}</dd>
                <dt>{lang.text(Key::JudgingEligible)}</dt><dd>{s.eligible}</dd>
                <dt>{lang.text(Key::JudgingIneligible)}</dt><dd>{s.ineligible}</dd>
                <dt>{lang.text(Key::JudgingUndecided)}</dt><dd>{s.undecided}</dd>
            </dl>
            {match s.closed.clone() {
                Some((by, at)) => view! {
                    <p>{lang.format(Key::JudgingSelectionClosedBy, &[("by", &by), ("at", &lang.datetime(at))])}</p>
                }.into_any(),
                None => view! {
                    <ActionForm action=close>
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <p id="field-close-hint">{lang.text(Key::JudgingCloseHint)}</p>
                        <FieldMessages messages=errors.messages("close") id="field-close-error"/>
                        <button type="submit" class="button" id="field-close">{lang.text(Key::JudgingCloseSelection)}</button>
                    </ActionForm>
                }.into_any(),
            }}
            <h2>{lang.text(Key::JudgingStagesHeading)}</h2>
            <p>{lang.format(Key::JudgingJurorCount, &[("count", &page.jurors.to_string())])}
                " " <a href=roles_link>{lang.text(Key::JudgingManageJurors)}</a></p>
            <TableBox label=lang.text(Key::JudgingStagesHeading)>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{lang.text(Key::JudgingStage)}</th>
                        <th scope="col">{lang.text(Key::JudgingEntries)}</th>
                        <th scope="col">{lang.text(Key::JudgingAssignments)}</th>
                    </tr></thead>
                    <tbody>
                        {page.stages.iter().map(|st| view! {
                            <tr>
                                <th scope="row"><a href=format!("{base}/penilaian/{}", st.stage.code())>{lang.text(st.stage.label())}</a></th>
                                <td>{st.entries}</td>
                                <td>{st.assignments}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
            <h2>{lang.text(Key::JudgingRecordHeading)}</h2>
            <p><a href=record_link>{lang.text(Key::JudgingRecordLink)}</a></p>
            <ChainStatus chain=page.chain.clone()/>
            <TableBox label=lang.text(Key::JudgingRecordHeading)>
                <table class="table">
                    <thead><tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{lang.text(Key::JudgingWhen)}</th>
                        <th scope="col">{lang.text(Key::JudgingWho)}</th>
                        <th scope="col">{lang.text(Key::JudgingWhat)}</th>
                        <th scope="col">{lang.text(Key::JudgingBefore)}</th>
                        <th scope="col">{lang.text(Key::JudgingAfter)}</th>
                    </tr></thead>
                    <tbody>
                        {page.recent.iter().map(|line| view! {
                            <tr>
                                <td>{line.seq}</td>
                                <td>{lang.datetime(line.at)}</td>
                                <td>{line.by.clone()}</td>
                                <td>{kind_label(lang, &line.kind)} " " {line.subject.clone()}</td>
                                <td>{line.before.clone()}</td>
                                <td>{line.after.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
        }
        .into_any()
    })
}

/// One entry's jurors, with the forms to remove one and add another.
#[component]
fn EntryJurors(
    slug: String,
    page: StageView,
    entry: EntryRow,
    add: ServerAction<AddAssignment>,
    remove: ServerAction<RemoveAssignment>,
) -> impl IntoView {
    let lang = use_lang();
    let stage = page.stage.code();
    let remove_slug = slug.clone();
    let proposal_id = entry.proposal_id;
    let select_id = format!("juror-{}", entry.proposal_id);
    let candidates: Vec<(i32, String)> = page
        .jurors
        .iter()
        .filter(|j| !entry.jurors.iter().any(|a| a.juror_id == j.id))
        .map(|j| {
            let conflict = entry.conflicted.iter().find(|c| c.juror_id == j.id);
            let text = match conflict {
                Some(c) => lang.format(
                    Key::JudgingConflictedOption,
                    &[
                        ("name", &j.name),
                        ("reasons", &reasons_text(lang, &c.reasons)),
                    ],
                ),
                None => j.name.clone(),
            };
            (j.id, text)
        })
        .collect();
    view! {
        <section class="card" aria-labelledby=format!("entry-{}", entry.proposal_id)>
            <h3 id=format!("entry-{}", entry.proposal_id)>{entry.team.clone()}</h3>
            <p>{entry.title.clone()} {(!entry.category.is_empty()).then(|| format!(" · {}", entry.category))}</p>
            {if entry.jurors.is_empty() {
                view! { <p>{lang.text(Key::JudgingNoJurorsYet)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {entry.jurors.clone().into_iter().map(|a| { let remove_slug = remove_slug.clone(); view! {
                            <li>
                                {a.name.clone()} " (" {lang.text(a.source.label())} ") "
                                <ActionForm action=remove attr:class="inline">
                                    <input type="hidden" name="slug" value=remove_slug.clone()/>
                                    <input type="hidden" name="stage" value=stage/>
                                    <input type="hidden" name="proposal" value=proposal_id/>
                                    <input type="hidden" name="juror" value=a.juror_id/>
                                    <button type="submit" class="button button-secondary">
                                        {lang.format(Key::JudgingRemoveJuror, &[("name", &a.name)])}
                                    </button>
                                </ActionForm>
                            </li>
                        }}).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!entry.conflicted.is_empty()).then(|| view! {
                <p>
                    <strong>{lang.text(Key::JudgingConflictedJurors)}": "</strong>
                    {entry.conflicted.iter().map(|c| format!("{} ({})", c.name, reasons_text(lang, &c.reasons))).collect::<Vec<_>>().join("; ")}
                </p>
            })}
            {(!candidates.is_empty()).then(|| view! {
                <ActionForm action=add attr:class="inline">
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="stage" value=stage/>
                    <input type="hidden" name="proposal" value=entry.proposal_id/>
                    <label for=select_id.clone()>{lang.text(Key::JudgingAddJuror)}</label>
                    " "
                    <select id=select_id.clone() name="juror">
                        {candidates.into_iter().map(|(id, text)| view! { <option value=id>{text}</option> }).collect_view()}
                    </select>
                    " "
                    <button type="submit" class="button">{lang.text(Key::JudgingAssign)}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// `/kelola/{slug}/penilaian/{stage}`.
#[component]
pub fn JudgingStagePage() -> impl IntoView {
    let slug = param("slug");
    let stage = param("stage");
    let data = Resource::new(
        move || (slug(), stage()),
        |(slug, stage)| get_judging_stage(slug, stage),
    );
    let run = ServerAction::<RunAssignment>::new();
    let add = ServerAction::<AddAssignment>::new();
    let remove = ServerAction::<RemoveAssignment>::new();
    let remind = ServerAction::<RemindJurors>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        // One form at a time comes back with an error: whichever it was.
        let (typed, other) = [
            run.value().get_untracked(),
            add.value().get_untracked(),
            remove.value().get_untracked(),
            remind.value().get_untracked(),
        ]
        .into_iter()
        .map(form_errors)
        .find(|(errors, other)| errors.has_errors() || other.is_some())
        .unwrap_or_default();
        let (run_typed, _) = form_errors(run.value().get_untracked());
        let (k, max_load, seed) = match &page.run {
            Some(r) => (r.k.to_string(), r.max_load.to_string(), r.seed.to_string()),
            None => {
                // Enough room for every entry to get three jurors, one more for slack.
                let jurors = page.jurors.len().max(1);
                let load = (page.entries.len() * 3).div_ceil(jurors) + 1;
                ("3".to_string(), load.to_string(), "1".to_string())
            }
        };
        let values = typed_or_stored(
            run_typed,
            &[("k", &k), ("max_load", &max_load), ("seed", &seed)],
        );
        let errors = typed;
        let title = format!("{} — {}", lang.text(page.stage.label()), page.title);
        let slug = page.slug.clone();
        let remind_slug = page.slug.clone();
        let juror_rows = page
            .jurors
            .clone()
            .into_iter()
            .map(|j| {
                view! {
                    <tr>
                        <th scope="row">{j.name.clone()}</th>
                        <td>{j.load}</td>
                        <td>{j.conflicts}</td>
                        <td>{j.expertise.join(", ")}</td>
                    </tr>
                }
            })
            .collect_view();
        let juror_table = view! {
            <TableBox label=lang.text(Key::JudgingJurorsHeading)>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{lang.text(Key::JudgingJuror)}</th>
                        <th scope="col">{lang.text(Key::JudgingLoad)}</th>
                        <th scope="col">{lang.text(Key::JudgingSubmittedSheets)}</th>
                        <th scope="col">{lang.text(Key::JudgingConflictCount)}</th>
                        <th scope="col">{lang.text(Key::JudgingExpertise)}</th>
                    </tr></thead>
                    <tbody>
                        {juror_rows}
                    </tbody>
                </table>
            </TableBox>
        };
        let entries = if page.entries.is_empty() {
            view! { <p>{lang.text(Key::JudgingNoEntries)}</p> }.into_any()
        } else {
            page.entries
                .iter()
                .map(|e| {
                    view! {
                        <EntryJurors slug=slug.clone() page=page.clone() entry=e.clone() add remove/>
                    }
                })
                .collect_view()
                .into_any()
        };
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::JUDGING/>
            <ErrorSummary errors=errors.clone() other=other fields=vec!["k", "max_load", "seed", "juror", "proposal", "remind"]/>
            <p><a href=format!("/kelola/{slug}/penilaian")>{lang.format(Key::JudgingTitle, &[("competition", &page.title)])}</a></p>
            <h1>{title}</h1>
            <p>
                <a href=format!("/kelola/{slug}/penilaian/{}/hasil", page.stage.code())>{lang.text(Key::JudgingResultsLink)}</a>
                " · "
                <a href=format!("/kelola/{slug}/penilaian/{}/jadwal", page.stage.code())>{lang.text(Key::ResultsScheduleLink)}</a>
                " · "
                <a href=format!("/kelola/{slug}/penilaian/{}/daftar-pendek", page.stage.code())>{lang.text(Key::ResultsShortlistLink)}</a>
            </p>
            <h2>{lang.text(Key::JudgingRunHeading)}</h2>
            <p>{lang.text(Key::JudgingRunHint)}</p>
            <ActionForm action=run>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="stage" value=page.stage.code()/>
                <TextField name="k" label=Key::JudgingK input_type="number" errors=values.clone()/>
                <TextField name="max_load" label=Key::JudgingMaxLoad input_type="number" errors=values.clone()/>
                <TextField name="seed" label=Key::JudgingSeed hint=Key::JudgingSeedHint input_type="number" errors=values.clone()/>
                <button type="submit" class="button">{lang.text(Key::JudgingRun)}</button>
            </ActionForm>
            {page.run.clone().map(|r| view! {
                <p>{lang.format(Key::JudgingLastRun, &[
                    ("by", &r.by), ("at", &lang.datetime(r.at)), ("seed", &r.seed.to_string()),
                    ("k", &r.k.to_string()), ("max", &r.max_load.to_string()),
                    ("added", &r.added.to_string()),
                ])}</p>
                <p class="hint">{lang.text(Key::JudgingFingerprint)}" " <code>{r.fingerprint.clone()}</code></p>
            })}
            {(!page.shortfalls.is_empty()).then(|| view! {
                <h3>{lang.text(Key::JudgingShortHeading)}</h3>
                <ul>
                    {page.shortfalls.iter().map(|s| view! {
                        <li>{lang.format(Key::JudgingShortLine, &[
                            ("team", &s.team), ("assigned", &s.assigned.to_string()), ("free", &s.free.to_string()),
                        ])}</li>
                    }).collect_view()}
                </ul>
            })}
            <h2>{lang.text(Key::JudgingJurorsHeading)}</h2>
            {juror_table}
            <ActionForm action=remind>
                <input type="hidden" name="slug" value=remind_slug/>
                <input type="hidden" name="stage" value=page.stage.code()/>
                <p class="hint" id="field-remind-hint">
                    {match page.reminded {
                        Some(at) => lang.format(Key::JudgingRemindedAt, &[("at", &lang.datetime(at))]),
                        None => lang.text(Key::JudgingRemindHint).to_string(),
                    }}
                </p>
                <FieldMessages messages=errors.messages("remind") id="field-remind-error"/>
                <button type="submit" class="button button-secondary" id="field-remind" aria-describedby="field-remind-hint">{lang.text(Key::JudgingRemind)}</button>
            </ActionForm>
            <h2>{lang.text(Key::JudgingEntriesHeading)}</h2>
            {entries}
        }
        .into_any()
    })
}

/// `/kelola/{slug}/konflik`.
#[component]
pub fn ConflictsPage() -> impl IntoView {
    let slug = param("slug");
    let data = Resource::new(slug, get_conflicts);
    let decide = ServerAction::<DecideConflict>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (errors, other) = form_errors(decide.value().get_untracked());
        let title = lang.format(Key::JudgingConflictsTitle, &[("competition", &page.title)]);
        let chosen = errors.value("kind");
        let kind_messages = errors.messages("kind");
        let kind_invalid = !kind_messages.is_empty();
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::JUDGING_CONFLICTS/>
            <ErrorSummary errors=errors.clone() other=other fields=vec!["juror", "proposal", "kind", "reason"]/>
            <p><a href=format!("/kelola/{}/penilaian", page.slug)>{lang.format(Key::JudgingTitle, &[("competition", &page.title)])}</a></p>
            <h1>{title}</h1>
            <p>{lang.text(Key::JudgingConflictsIntro)}</p>
            {if page.rows.is_empty() {
                view! { <p>{lang.text(Key::JudgingNoConflicts)}</p> }.into_any()
            } else {
                view! {
                    <TableBox label=lang.text(Key::JudgingConflictsHeading)>
                        <table class="table">
                            <caption>{lang.text(Key::JudgingConflictsHeading)}</caption>
                            <thead><tr>
                                <th scope="col">{lang.text(Key::JudgingJuror)}</th>
                                <th scope="col">{lang.text(Key::JudgingTeam)}</th>
                                <th scope="col">{lang.text(Key::JudgingStanding)}</th>
                                <th scope="col">{lang.text(Key::JudgingComputed)}</th>
                                <th scope="col">{lang.text(Key::JudgingDecision)}</th>
                            </tr></thead>
                            <tbody>
                                {page.rows.iter().map(|r| view! {
                                    <tr>
                                        <th scope="row">{r.juror.clone()}</th>
                                        <td>{r.team.clone()}</td>
                                        <td>{if r.reasons.is_empty() { lang.text(Key::JudgingNoConflict).to_string() } else { reasons_text(lang, &r.reasons) }}</td>
                                        <td>{reasons_text(lang, &r.computed)}</td>
                                        <td>{r.decision.clone().map(|(kind, reason, by, at)| format!(
                                            "{}: {} ({}, {})", lang.text(kind.label()), reason, by, lang.datetime(at)
                                        ))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </TableBox>
                }.into_any()
            }}
            <h2>{lang.text(Key::JudgingDecideHeading)}</h2>
            <div class="narrow">
                <ActionForm action=decide>
                    <input type="hidden" name="slug" value=page.slug.clone()/>
                    <SelectField name="juror" label=Key::JudgingJuror
                        options=page.jurors.iter().map(|(id, n)| (id.to_string(), n.clone())).collect()
                        errors=errors.clone()/>
                    <SelectField name="proposal" label=Key::JudgingTeam
                        options=page.entries.iter().map(|(id, n)| (id.to_string(), n.clone())).collect()
                        errors=errors.clone()/>
                    <fieldset class="field" class:field-invalid=kind_invalid id="field-kind">
                        <legend>{lang.text(Key::JudgingDecision)}</legend>
                        <FieldMessages messages=kind_messages/>
                        {[("added", Key::JudgingConflictAdd), ("lifted", Key::JudgingConflictLift)].into_iter().map(|(value, key)| {
                            let id = format!("kind-{value}");
                            view! {
                                <div class="checkbox">
                                    <input type="radio" id=id.clone() name="kind" value=value checked=chosen == value/>
                                    <label for=id>{lang.text(key)}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <TextAreaField name="reason" label=Key::JudgingReason rows=3 errors=errors.clone()/>
                    <button type="submit" class="button">{lang.text(Key::JudgingSaveDecision)}</button>
                </ActionForm>
            </div>
        }
        .into_any()
    })
}

/// `/penilaian`: the competitions the person judges.
#[component]
pub fn MyJudgingPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_my_judging());
    loaded(data, move |competitions| {
        let lang = use_lang();
        view! {
            <Title text=lang.text(Key::JudgingMineTitle)/>
            <h1>{lang.text(Key::JudgingMineTitle)}</h1>
            {if competitions.is_empty() {
                view! { <p>{lang.text(Key::JudgingMineNone)}</p> }.into_any()
            } else {
                competitions.into_iter().map(|c| view! {
                    <section class="card">
                        <h2><a href=format!("/penilaian/{}", c.slug)>{c.title.clone()}</a></h2>
                        <p>{lang.format(Key::JudgingMineCount, &[("count", &c.assignments.len().to_string())])}</p>
                    </section>
                }).collect_view().into_any()
            }}
        }
        .into_any()
    })
}

/// `/penilaian/{slug}`: a juror's assignments, expertise and conflicts.
#[component]
pub fn JurorDeskPage() -> impl IntoView {
    let slug = param("slug");
    let data = Resource::new(slug, get_juror_desk);
    let declare = ServerAction::<DeclareConflict>::new();
    let expertise = ServerAction::<SaveExpertise>::new();
    loaded(data, move |desk| {
        let lang = use_lang();
        let (errors, other) = form_errors(declare.value().get_untracked());
        let (_, expertise_other) = form_errors(expertise.value().get_untracked());
        let slug = desk.slug.clone();
        let declare_slug = desk.slug.clone();
        view! {
            <Title text=desk.title.clone()/>
            <NoticeBanner among=Notice::JUDGING_CONFLICTS/>
            <ErrorSummary errors=errors.clone() other=other.or(expertise_other) fields=vec!["proposal", "reason"]/>
            <p><a href="/penilaian">{lang.text(Key::JudgingMineTitle)}</a></p>
            <h1>{desk.title.clone()}</h1>
            <h2>{lang.text(Key::JudgingMyAssignments)}</h2>
            {if desk.assignments.is_empty() {
                view! { <p>{lang.text(Key::JudgingNoAssignments)}</p> }.into_any()
            } else {
                view! {
                    <TableBox label=lang.text(Key::JudgingMyAssignments)>
                        <table class="table">
                            <thead><tr>
                                <th scope="col">{lang.text(Key::JudgingStage)}</th>
                                <th scope="col">{lang.text(Key::JudgingTeam)}</th>
                                <th scope="col">{lang.text(Key::TeamsCategory)}</th>
                                <th scope="col">{lang.text(Key::JudgingSheetState)}</th>
                                <th scope="col">{lang.text(Key::ResultsScheduleHeading)}</th>
                            </tr></thead>
                            <tbody>
                                {desk.assignments.iter().map(|a| view! {
                                    <tr>
                                        <td>{lang.text(a.stage.label())}</td>
                                        <th scope="row"><a href=format!("/penilaian/{}/nilai/{}", desk.slug, a.assignment_id)>{a.title.clone()}</a></th>
                                        <td>{a.category.clone()}</td>
                                        <td>{lang.text(match a.state {
                                            None => Key::JudgingSheetNotStarted,
                                            Some(SheetState::Draft) => Key::JudgingSheetDraftState,
                                            Some(SheetState::Submitted) => Key::JudgingSheetSubmittedState,
                                        })}</td>
                                        <td>{a.slot.clone().map(|(at, minutes, place)| lang.format(Key::ResultsSlotShort, &[
                                            ("at", &lang.datetime(at)), ("minutes", &minutes.to_string()), ("place", &place),
                                        ]))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </TableBox>
                }.into_any()
            }}
            <h2>{lang.text(Key::JudgingExpertise)}</h2>
            <ActionForm action=expertise>
                <input type="hidden" name="slug" value=slug.clone()/>
                <fieldset class="field">
                    <legend>{lang.text(Key::JudgingExpertiseLegend)}</legend>
                    {desk.categories.iter().map(|(id, name, known)| {
                        let field = format!("expertise-{id}");
                        view! {
                            <div class="checkbox">
                                <input type="checkbox" id=field.clone() name=format!("expertise[{id}]") value="on" checked=*known/>
                                <label for=field>{name.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button">{lang.text(Key::JudgingSaveExpertise)}</button>
            </ActionForm>
            <h2>{lang.text(Key::JudgingMyConflicts)}</h2>
            {if desk.conflicts.is_empty() {
                view! { <p>{lang.text(Key::JudgingNoConflicts)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {desk.conflicts.iter().map(|(entry, reasons)| view! {
                            <li>{entry.clone()} ": " {reasons_text(lang, reasons)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!desk.entries.is_empty()).then(|| view! {
                <div class="narrow">
                    <ActionForm action=declare>
                        <input type="hidden" name="slug" value=declare_slug.clone()/>
                        <SelectField name="proposal" label=Key::JudgingTeam
                            options=desk.entries.iter().map(|(id, n)| (id.to_string(), n.clone())).collect()
                            errors=errors.clone()/>
                        <TextAreaField name="reason" label=Key::JudgingReason hint=Key::JudgingDeclareHint rows=3 errors=errors.clone()/>
                        <button type="submit" class="button">{lang.text(Key::JudgingDeclare)}</button>
                    </ActionForm>
                </div>
            })}
        }
        .into_any()
    })
}

/// `/kelola/{slug}/catatan-penilaian?jenis=…`: the whole judging record, filtered by kind
/// with a plain GET form, and its CSV.
#[component]
pub fn JudgingRecordPage() -> impl IntoView {
    let slug = param("slug");
    let query = leptos_router::hooks::use_query_map();
    let data = Resource::new(
        move || (slug(), query.read().get("jenis").unwrap_or_default()),
        |(slug, kind)| get_judging_record(slug, kind),
    );
    loaded(data, move |page| {
        let lang = use_lang();
        let title = lang.format(Key::JudgingRecordTitle, &[("competition", &page.title)]);
        let csv = format!("/kelola/{}/catatan-penilaian.csv", page.slug);
        view! {
            <Title text=title.clone()/>
            <p><a href=format!("/kelola/{}/penilaian", page.slug)>{lang.format(Key::JudgingTitle, &[("competition", &page.title)])}</a></p>
            <h1>{title}</h1>
            <ChainStatus chain=page.chain.clone()/>
            <form method="get" action=format!("/kelola/{}/catatan-penilaian", page.slug) class="filters">
                <div class="field">
                    <label for="filter-jenis">{lang.text(Key::JudgingWhat)}</label>
                    <select id="filter-jenis" name="jenis">
                        <option value="">{lang.text(Key::DashboardAny)}</option>
                        {page.kinds.iter().map(|(code, name)| {
                            let selected = *code == page.chosen;
                            view! { <option value=code.clone() selected=selected>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{lang.text(Key::JudgingFilter)}</button>
            </form>
            <p>
                <a href=csv.clone()>{lang.text(Key::JudgingRecordCsv)}</a>
                " · "
                <a href=format!("{csv}?pemisah=titik-koma")>{lang.text(Key::JudgingRecordCsvSemicolon)}</a>
                " · "
                <a href=format!("/kelola/{}/catatan-penilaian.xlsx", page.slug)>{lang.text(Key::ResultsXlsx)}</a>
            </p>
            <TableBox label=lang.text(Key::JudgingRecordHeading)>
                <table class="table">
                    <caption>{lang.format(Key::JudgingRecordCount, &[("count", &page.lines.len().to_string())])}</caption>
                    <thead><tr>
                        <th scope="col">{lang.text(Key::JudgingSeqColumn)}</th>
                        <th scope="col">{lang.text(Key::JudgingWhen)}</th>
                        <th scope="col">{lang.text(Key::JudgingWho)}</th>
                        <th scope="col">{lang.text(Key::JudgingWhat)}</th>
                        <th scope="col">{lang.text(Key::JudgingSubjectColumn)}</th>
                        <th scope="col">{lang.text(Key::JudgingBefore)}</th>
                        <th scope="col">{lang.text(Key::JudgingAfter)}</th>
                    </tr></thead>
                    <tbody>
                        {page.lines.iter().map(|line| view! {
                            <tr>
                                <td>{line.seq}</td>
                                <td>{lang.datetime(line.at)}</td>
                                <td>{line.by.clone()}</td>
                                <td>{kind_label(lang, &line.kind)}</td>
                                <td>{line.subject.clone()}</td>
                                <td>{line.before.clone()}</td>
                                <td>{line.after.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
        }
        .into_any()
    })
}
