//! Scoring's pages: the juror's score sheet (`/penilaian/{slug}/nilai/{assignment}`) and
//! the organizer's settings and standings (`/kelola/{slug}/penilaian/{stage}/hasil`).
//! Plain forms: both work without JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{
    get_judging_results, get_score_sheet, ReopenScoreSheet, SaveJudgingSettings, SaveScoreSheet,
};
use super::{points, PeerVisibility, RankBy, SheetState, TieRule};
use crate::i18n::{use_lang, Key};
use crate::site::forms::{
    form_errors, typed_or_stored, ErrorSummary, FieldMessages, TextAreaField,
};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::table::TableBox;

fn paragraphs(text: &str) -> impl IntoView {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p class="prose">{p.to_string()}</p> })
        .collect_view()
}

/// `/penilaian/{slug}/nilai/{assignment}`.
#[component]
pub fn ScoreSheetPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("assignment")
                    .and_then(|a| a.parse::<i32>().ok())
                    .unwrap_or(0),
            )
        },
        |(slug, assignment)| get_score_sheet(slug, assignment),
    );
    let save = ServerAction::<SaveScoreSheet>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (typed, other) = form_errors(save.value().get_untracked());
        let stored: Vec<(String, String)> = page
            .scores
            .iter()
            .map(|(c, s)| (super::scoring_field(*c), s.to_string()))
            .chain([
                ("comment_team".to_string(), page.comment_team.clone()),
                ("comment_panel".to_string(), page.comment_panel.clone()),
            ])
            .collect();
        let stored_refs: Vec<(&str, &str)> = stored
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let values = typed_or_stored(typed.clone(), &stored_refs);
        let title = lang.format(
            Key::JudgingScoreTitle,
            &[("stage", lang.text(page.stage.label()))],
        );
        let score_fields: Vec<String> = page
            .criteria
            .iter()
            .map(|c| super::scoring_field(c.id))
            .collect();
        let names: Vec<(String, String)> = page
            .criteria
            .iter()
            .map(|c| (super::scoring_field(c.id), c.name.clone()))
            .collect();
        let submitted = page.state == Some(SheetState::Submitted);
        let criteria = page.criteria.clone();
        let form_slug = page.slug.clone();
        let sheet_form = if submitted {
            let score_of = |id: i32| page.scores.iter().find(|(c, _)| *c == id).map(|(_, s)| *s);
            view! {
                <p>{lang.text(Key::JudgingSheetLocked)}</p>
                <dl class="facts">
                    {criteria.iter().map(|c| view! {
                        <dt>{c.name.clone()}</dt>
                        <dd>{score_of(c.id).map(|s| s.to_string()).unwrap_or_default()}</dd>
                    }).collect_view()}
                    <dt>{lang.text(Key::JudgingTotal)}</dt>
                    <dd>{page.total_milli.map(points).unwrap_or_default()}</dd>
                    <dt>{lang.text(Key::JudgingCommentTeam)}</dt><dd>{page.comment_team.clone()}</dd>
                    <dt>{lang.text(Key::JudgingCommentPanel)}</dt><dd>{page.comment_panel.clone()}</dd>
                </dl>
            }.into_any()
        } else if !page.open {
            view! { <p>{lang.text(Key::JudgingErrorStageClosed)}</p> }.into_any()
        } else {
            let values = values.clone();
            view! {
                <ActionForm action=save>
                    <input type="hidden" name="slug" value=form_slug/>
                    <input type="hidden" name="assignment" value=page.assignment_id/>
                    <input type="hidden" name="version" value=page.version/>
                    <FieldMessages messages=typed.messages("sheet") id="field-sheet"/>
                    {criteria.iter().map(|c| {
                        let field = super::scoring_field(c.id);
                        let messages = values.messages(&field);
                        let invalid = !messages.is_empty();
                        let id = format!("field-{field}");
                        let hint = format!("{id}-hint");
                        view! {
                            <div class="field" class:field-invalid=invalid>
                                <label for=id.clone()>{lang.format(Key::JudgingCriterionLabel, &[
                                    ("name", &c.name), ("min", &c.min.to_string()), ("max", &c.max.to_string()),
                                    ("weight", &c.weight.to_string()),
                                ])}</label>
                                <p class="hint" id=hint.clone()>{c.description.clone()}</p>
                                <FieldMessages messages=messages id=format!("{id}-error")/>
                                <input type="number" id=id name=format!("score[{}]", c.id)
                                    min=c.min max=c.max step="1" inputmode="numeric"
                                    value=values.value(&field) aria-describedby=hint
                                    aria-invalid=invalid.then_some("true")/>
                            </div>
                        }
                    }).collect_view()}
                    <TextAreaField name="comment_team" label=Key::JudgingCommentTeam hint=Key::JudgingCommentTeamHint rows=4 errors=values.clone()/>
                    <TextAreaField name="comment_panel" label=Key::JudgingCommentPanel hint=Key::JudgingCommentPanelHint rows=3 errors=values.clone()/>
                    <p class="hint">{lang.text(Key::JudgingSubmitHint)}</p>
                    <div class="actions">
                        <button type="submit" name="intent" value="draft" class="button button-secondary">{lang.text(Key::JudgingSaveDraft)}</button>
                        " "
                        <button type="submit" name="intent" value="submit" class="button">{lang.text(Key::JudgingSubmitSheet)}</button>
                    </div>
                </ActionForm>
            }.into_any()
        };
        let peers = page.peers.clone().map(|peers| {
            let criteria = page.criteria.clone();
            view! {
                <h2>{lang.text(Key::JudgingPeersHeading)}</h2>
                {if peers.is_empty() {
                    view! { <p>{lang.text(Key::JudgingPeersNone)}</p> }.into_any()
                } else {
                    view! {
                        <TableBox label=lang.text(Key::JudgingPeersHeading)>
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{lang.text(Key::JudgingJuror)}</th>
                                    {criteria.iter().map(|c| view! { <th scope="col">{c.name.clone()}</th> }).collect_view()}
                                    <th scope="col">{lang.text(Key::JudgingTotal)}</th>
                                    <th scope="col">{lang.text(Key::JudgingCommentPanel)}</th>
                                </tr></thead>
                                <tbody>
                                    {peers.into_iter().map(|p| view! {
                                        <tr>
                                            <th scope="row">{lang.format(Key::JudgingPeerNumber, &[("n", &p.number.to_string())])}</th>
                                            {criteria.iter().map(|c| view! {
                                                <td>{p.scores.iter().find(|(id, _)| *id == c.id).map(|(_, s)| s.to_string())}</td>
                                            }).collect_view()}
                                            <td>{points(p.total_milli)}</td>
                                            <td>{p.comment_panel.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableBox>
                    }.into_any()
                }}
            }
        });
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::SCORING/>
            <ErrorSummary errors=values.clone() other=other fields=vec!["sheet", "comment_team", "comment_panel"] more_fields=score_fields names=names/>
            <p><a href=format!("/penilaian/{}", page.slug)>{page.competition_title.clone()}</a></p>
            <h1>{title}</h1>
            {match page.team.clone() {
                None if !page.blind => ().into_any(),
                None => view! { <p>{lang.text(Key::JudgingBlindNote)}</p> }.into_any(),
                Some((team, agency, region)) => view! {
                    <dl class="facts">
                        <dt>{lang.text(Key::JudgingTeamName)}</dt><dd>{team}</dd>
                        <dt>{lang.text(Key::TeamsAgency)}</dt><dd>{agency}</dd>
                        <dt>{lang.text(Key::JudgingRegion)}</dt><dd>{region}</dd>
                    </dl>
                }.into_any(),
            }}
            <article class="proposal-read">
                {page.parts.iter().map(|p| view! {
                    <h2>{p.heading.clone()}</h2>
                    {paragraphs(&p.body)}
                }).collect_view()}
            </article>
            {(!page.attachments.is_empty()).then(|| view! {
                <h2>{lang.text(Key::JudgingAttachments)}</h2>
                <ul>
                    {page.attachments.iter().enumerate().map(|(n, (kind, size))| view! {
                        <li>{lang.format(Key::JudgingAttachmentLine, &[
                            ("n", &(n + 1).to_string()), ("kind", kind), ("kb", &((size + 1023) / 1024).to_string()),
                        ])}</li>
                    }).collect_view()}
                </ul>
            })}
            <h2>{lang.text(Key::JudgingSheetHeading)}</h2>
            {sheet_form}
            {peers}
        }
        .into_any()
    })
}

/// `/kelola/{slug}/penilaian/{stage}/hasil`.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("stage").unwrap_or_default(),
            )
        },
        |(slug, stage)| get_judging_results(slug, stage),
    );
    let settings_action = ServerAction::<SaveJudgingSettings>::new();
    let reopen = ServerAction::<ReopenScoreSheet>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (typed, other) = [
            settings_action.value().get_untracked(),
            reopen.value().get_untracked(),
        ]
        .into_iter()
        .map(form_errors)
        .find(|(e, o)| e.has_errors() || o.is_some())
        .unwrap_or_default();
        let s = page.settings.clone();
        let tie_value = s.tie_criterion.map(|c| c.to_string()).unwrap_or_default();
        let min_sample = s.min_sample.to_string();
        let divergence = points(s.divergence_milli);
        let values = typed_or_stored(
            typed.clone(),
            &[
                ("peer_visibility", s.peer_visibility.code()),
                ("tie_criterion", &tie_value),
                ("min_sample", &min_sample),
                ("divergence", &divergence),
                ("rank_by", s.rank_by.code()),
            ],
        );
        let title = lang.format(
            Key::JudgingResultsTitle,
            &[
                ("stage", lang.text(page.stage.label())),
                ("competition", &page.title),
            ],
        );
        let stage_path = format!("/kelola/{}/penilaian/{}", page.slug, page.stage.code());
        let csv_link = format!("{stage_path}/hasil.csv");
        let teams: std::collections::HashMap<i32, String> = page
            .rows
            .iter()
            .map(|r| (r.proposal_id, r.team.clone()))
            .collect();
        let tie_text = match s
            .tie_criterion
            .and_then(|c| s.criteria.iter().find(|(id, _)| *id == c))
        {
            Some((_, name)) => {
                lang.format(Key::JudgingTieRuleWithCriterion, &[("criterion", name)])
            }
            None => lang.text(Key::JudgingTieRule).to_string(),
        };
        let select = |field: &'static str, label: Key, options: Vec<(String, String)>| {
            let chosen = values.value(field);
            let id = format!("field-{field}");
            view! {
                <div class="field">
                    <label for=id.clone()>{lang.text(label)}</label>
                    <FieldMessages messages=values.messages(field)/>
                    <select id=id name=field disabled=s.locked>
                        {options.into_iter().map(|(v, t)| { let sel = v == chosen; view! { <option value=v selected=sel>{t}</option> } }).collect_view()}
                    </select>
                </div>
            }
        };
        let peer_select = select(
            "peer_visibility",
            Key::JudgingPeersLabel,
            PeerVisibility::ALL
                .iter()
                .map(|p| (p.code().to_string(), lang.text(p.label()).to_string()))
                .collect(),
        );
        let tie_select = select(
            "tie_criterion",
            Key::JudgingTieLabel,
            std::iter::once((String::new(), lang.text(Key::JudgingTieNone).to_string()))
                .chain(s.criteria.iter().map(|(id, n)| (id.to_string(), n.clone())))
                .collect(),
        );
        let rank_select = select(
            "rank_by",
            Key::JudgingRankLabel,
            [RankBy::Normalised, RankBy::Raw]
                .iter()
                .map(|r| (r.code().to_string(), lang.text(r.label()).to_string()))
                .collect(),
        );
        let sheet_rows = page.sheets.clone().into_iter().map(|sheet| {
            let slug = page.slug.clone();
            let reason_id = format!("reason-{}", sheet.sheet_id);
            view! {
                <tr>
                    <th scope="row">{teams.get(&sheet.proposal_id).cloned().unwrap_or_default()}</th>
                    <td>{sheet.juror.clone()}</td>
                    <td>{lang.text(if sheet.state == SheetState::Submitted { Key::JudgingSheetSubmittedState } else { Key::JudgingSheetDraftState })}</td>
                    <td>{sheet.total_milli.map(points)}</td>
                    <td>{sheet.comment_team.clone()}</td>
                    <td>
                        {(sheet.state == SheetState::Submitted).then(|| view! {
                            <ActionForm action=reopen>
                                <input type="hidden" name="slug" value=slug/>
                                <input type="hidden" name="sheet" value=sheet.sheet_id/>
                                <label for=reason_id.clone()>{lang.text(Key::JudgingReopenReason)}</label>
                                <input id=reason_id name="reason" required/>
                                " "
                                <button type="submit" class="button button-secondary">{lang.text(Key::JudgingReopen)}</button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        }).collect_view();
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::JUDGING/>
            <ErrorSummary errors=typed.clone() other=other fields=vec!["blind", "peer_visibility", "tie_criterion", "min_sample", "divergence", "rank_by", "reason"]/>
            <p><a href=stage_path.clone()>{lang.text(page.stage.label())}</a></p>
            <h1>{title}</h1>
            <h2>{lang.text(Key::JudgingSettingsHeading)}</h2>
            {s.locked.then(|| view! { <p>{lang.text(Key::JudgingSettingsLockedNote)}</p> })}
            <ActionForm action=settings_action>
                <input type="hidden" name="slug" value=page.slug.clone()/>
                <input type="hidden" name="stage" value=page.stage.code()/>
                {s.locked.then(|| view! {
                    // Disabled fields are not posted: the fixed values travel hidden.
                    {s.blind.then(|| view! { <input type="hidden" name="blind" value="on"/> })}
                    <input type="hidden" name="peer_visibility" value=s.peer_visibility.code()/>
                    <input type="hidden" name="tie_criterion" value=tie_value.clone()/>
                    <input type="hidden" name="min_sample" value=min_sample.clone()/>
                    <input type="hidden" name="rank_by" value=s.rank_by.code()/>
                })}
                <div class="checkbox">
                    <input type="checkbox" id="field-blind" name="blind" value="on" checked=s.blind disabled=s.locked/>
                    <label for="field-blind">{lang.text(Key::JudgingBlindLabel)}</label>
                </div>
                {peer_select}
                {tie_select}
                <div class="field">
                    <label for="field-min_sample">{lang.text(Key::JudgingMinSample)}</label>
                    <p class="hint" id="field-min_sample-hint">{lang.text(Key::JudgingMinSampleHint)}</p>
                    <FieldMessages messages=values.messages("min_sample")/>
                    <input type="number" id="field-min_sample" name="min_sample" value=values.value("min_sample") disabled=s.locked aria-describedby="field-min_sample-hint"/>
                </div>
                <div class="field">
                    <label for="field-divergence">{lang.text(Key::JudgingDivergence)}</label>
                    <p class="hint" id="field-divergence-hint">{lang.text(Key::JudgingDivergenceHint)}</p>
                    <FieldMessages messages=values.messages("divergence")/>
                    <input id="field-divergence" name="divergence" inputmode="decimal" value=values.value("divergence") aria-describedby="field-divergence-hint"/>
                </div>
                {rank_select}
                <button type="submit" class="button">{lang.text(Key::JudgingSaveSettings)}</button>
            </ActionForm>
            <h2>{lang.text(Key::JudgingRankingHeading)}</h2>
            <p>
                <a href=csv_link.clone()>{lang.text(Key::JudgingResultsCsv)}</a>
                " · "
                <a href=format!("{csv_link}?pemisah=titik-koma")>{lang.text(Key::JudgingRecordCsvSemicolon)}</a>
                " · "
                <a href=format!("{stage_path}/hasil.xlsx")>{lang.text(Key::ResultsXlsx)}</a>
                " · "
                <a href=format!("{stage_path}/nilai.csv")>{lang.text(Key::ResultsScoresCsv)}</a>
                " · "
                <a href=format!("{stage_path}/nilai.xlsx")>{lang.text(Key::ResultsScoresXlsx)}</a>                " · "
                <a href=format!("{stage_path}/daftar-pendek")>{lang.text(Key::ResultsShortlistLink)}</a>
            </p>
            <p>{lang.format(Key::JudgingRankedBy, &[("by", lang.text(s.rank_by.label()))])} " " {tie_text}</p>
            <TableBox label=lang.text(Key::JudgingRankingHeading)>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{lang.text(Key::JudgingRank)}</th>
                        <th scope="col">{lang.text(Key::JudgingTeam)}</th>
                        <th scope="col">{lang.text(Key::JudgingSheetsCount)}</th>
                        <th scope="col">{lang.text(Key::JudgingRankRaw)}</th>
                        <th scope="col">{lang.text(Key::JudgingRankNormalised)}</th>
                        <th scope="col">{lang.text(Key::JudgingSpread)}</th>
                        <th scope="col">{lang.text(Key::JudgingTieColumn)}</th>
                    </tr></thead>
                    <tbody>
                        {page.rows.iter().map(|r| view! {
                            <tr>
                                <td>{r.rank}</td>
                                <th scope="row">{r.team.clone()} {(!r.title.is_empty()).then(|| format!(" — {}", r.title))}</th>
                                <td>{format!("{} / {}", r.submitted, r.assigned)}</td>
                                <td>{r.raw_mean_milli.map(points)}</td>
                                <td>
                                    {r.normalised_milli.map(points)}
                                    {r.fallback.then(|| view! { " " <span class="hint">{lang.text(Key::JudgingFallback)}</span> })}
                                </td>
                                <td>
                                    {r.sd_milli.map(|sd| lang.format(Key::JudgingSpreadValue, &[("sd", &points(sd)), ("range", &points(r.range_milli.unwrap_or_default()))]))}
                                    {r.divergent.then(|| view! {
                                        " " <strong>{lang.text(Key::JudgingDivergent)}</strong>
                                        " " <a href=format!("{stage_path}#entry-{}", r.proposal_id)>{lang.text(Key::JudgingAddJuror)}</a>
                                    })}
                                </td>
                                <td>{r.tie.clone().map(|t| match t {
                                    TieRule::Criterion(name) => lang.format(Key::JudgingTieByCriterion, &[("criterion", &name)]),
                                    TieRule::EarlierSubmission => lang.text(Key::JudgingTieByEarlier).to_string(),
                                    TieRule::ProposalId => lang.text(Key::JudgingTieByNumber).to_string(),
                                })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
            <p class="hint">{lang.text(Key::JudgingNormalisedHint)}</p>
            <h2>{lang.text(Key::JudgingLeniencyHeading)}</h2>
            {(!page.jurors.is_empty()).then(|| {
                let series: Vec<super::charts::JurorSeries> = page.jurors.iter().map(|j| super::charts::JurorSeries {
                    name: j.name.clone(),
                    totals_milli: j.totals_milli.clone(),
                    leniency_milli: j.leniency_milli,
                }).collect();
                let texts = super::charts::ChartTexts {
                    distribution_title: lang.text(Key::ResultsChartDistribution).to_string(),
                    leniency_title: lang.text(Key::ResultsChartLeniency).to_string(),
                    points_axis: lang.text(Key::ResultsChartPointsAxis).to_string(),
                    leniency_axis: lang.text(Key::ResultsChartLeniencyAxis).to_string(),
                };
                view! {
                    <figure class="chart-figure">
                        <figcaption>{lang.text(Key::ResultsChartDistribution)}</figcaption>
                        <div inner_html=super::charts::distribution_svg(&series, &texts)></div>
                    </figure>
                    <figure class="chart-figure">
                        <figcaption>{lang.text(Key::ResultsChartLeniency)}</figcaption>
                        <div inner_html=super::charts::leniency_svg(&series, &texts)></div>
                    </figure>
                }
            })}
            <TableBox label=lang.text(Key::JudgingLeniencyHeading)>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{lang.text(Key::JudgingJuror)}</th>
                        <th scope="col">{lang.text(Key::JudgingSheetsCount)}</th>
                        <th scope="col">{lang.text(Key::JudgingMean)}</th>
                        <th scope="col">{lang.text(Key::JudgingSd)}</th>
                        <th scope="col">{lang.text(Key::JudgingLeniency)}</th>
                    </tr></thead>
                    <tbody>
                        {page.jurors.iter().map(|j| view! {
                            <tr>
                                <th scope="row">{j.name.clone()}</th>
                                <td>{j.sheets}</td>
                                <td>{points(j.mean_milli)}</td>
                                <td>{points(j.sd_milli)}</td>
                                <td>{points(j.leniency_milli)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
            <h2>{lang.text(Key::JudgingSheetsHeading)}</h2>
            <TableBox label=lang.text(Key::JudgingSheetsHeading)>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{lang.text(Key::JudgingTeam)}</th>
                        <th scope="col">{lang.text(Key::JudgingJuror)}</th>
                        <th scope="col">{lang.text(Key::JudgingSheetState)}</th>
                        <th scope="col">{lang.text(Key::JudgingTotal)}</th>
                        <th scope="col">{lang.text(Key::JudgingCommentTeam)}</th>
                        <th scope="col">{lang.text(Key::JudgingReopen)}</th>
                    </tr></thead>
                    <tbody>{sheet_rows}</tbody>
                </table>
            </TableBox>
        }
        .into_any()
    })
}
