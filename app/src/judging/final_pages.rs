//! The pages of the final result. Organizers: the final ranking with the stages' weights,
//! freezing and publishing (`/kelola/{slug}/hasil-akhir`). Anyone: the published results
//! and their check (`/kompetisi/{slug}/hasil`). A team: its own breakdown and schedule
//! (`/tim/{id}/hasil`). Plain forms, no JavaScript needed.
use leptos::prelude::*;
use leptos_meta::Title;

use super::result_api::{
    get_final, get_public_results, get_team_results, FreezeResults, PublishResults,
    SaveFinalWeights,
};
use super::result_pages::{award_text, maybe_points, param, Input};
use super::{points, FinalTieRule, Frozen};
use crate::i18n::{use_lang, Key, Lang};
use crate::site::forms::{form_errors, ErrorSummary, FieldMessages, TextField};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::table::TableBox;

/// The frozen result and its check, as the organizer's and the public page show it.
#[component]
fn FrozenFacts(frozen: Frozen) -> impl IntoView {
    let lang = use_lang();
    let v = frozen.verification.clone();
    let check = |ok: bool, key: Key| {
        view! { <li class:field-error=!ok>{lang.text(key)}": "{lang.text(if ok { Key::ResultsCheckOk } else { Key::ResultsCheckFailed })}</li> }
    };
    view! {
        <dl class="facts">
            <dt>{lang.text(Key::ResultsFrozenAt)}</dt><dd>{lang.format(Key::ResultsByAt, &[("by", &frozen.by), ("at", &lang.datetime(frozen.at))])}</dd>
            <dt>{lang.text(Key::ResultsHash)}</dt><dd><code class="hash">{frozen.hash.clone()}</code></dd>
            <dt>{lang.text(Key::ResultsChainHead)}</dt><dd><code class="hash">{frozen.chain_head.clone()}</code>" "{lang.format(Key::ResultsChainSeq, &[("seq", &frozen.chain_seq.to_string())])}</dd>
        </dl>
        <h3>{lang.text(Key::ResultsVerification)}</h3>
        <p role="status" class:field-error=!v.ok()>{lang.text(if v.ok() { Key::ResultsVerified } else { Key::ResultsNotVerified })}</p>
        <ul>
            {check(v.ranking_matches, Key::ResultsCheckRanking)}
            {check(v.chain_broken_at.is_none(), Key::ResultsCheckChain)}
            {check(v.head_matches, Key::ResultsCheckHead)}
            {check(v.hash_matches, Key::ResultsCheckHash)}
            {check(v.seal_recorded, Key::ResultsCheckSeal)}
            {check(v.awards_match, Key::ResultsCheckAwards)}
        </ul>
        <p class="hint">{lang.text(Key::ResultsVerifyHint)}</p>
    }
}

fn tie_text(lang: Lang, tie: &Option<FinalTieRule>) -> String {
    match tie {
        None => String::new(),
        Some(FinalTieRule::LastStage(s)) => {
            lang.format(Key::ResultsTieLastStage, &[("stage", lang.text(s.label()))])
        }
        Some(FinalTieRule::EarlierSubmission) => lang.text(Key::JudgingTieByEarlier).to_string(),
        Some(FinalTieRule::ProposalId) => lang.text(Key::JudgingTieByNumber).to_string(),
    }
}

/// `/kelola/{slug}/hasil-akhir`.
#[component]
pub fn FinalPage() -> impl IntoView {
    let slug = param("slug");
    let data = Resource::new(slug, get_final);
    let weights = ServerAction::<SaveFinalWeights>::new();
    let freeze = ServerAction::<FreezeResults>::new();
    let publish = ServerAction::<PublishResults>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (weight_errors, weight_other) = form_errors(weights.value().get_untracked());
        let (freeze_errors, freeze_other) = form_errors(freeze.value().get_untracked());
        let (publish_errors, publish_other) = form_errors(publish.value().get_untracked());
        let mut errors = weight_errors.clone();
        errors.merge(&freeze_errors);
        errors.merge(&publish_errors);
        let other = weight_other.or(freeze_other).or(publish_other);
        let title = lang.format(Key::ResultsFinalTitle, &[("competition", &page.title)]);
        let weight_fields: Vec<String> = page
            .weights
            .iter()
            .map(|(s, _)| format!("weight-{}", s.code()))
            .collect();
        let weighted: Vec<crate::competitions::Stage> = page
            .weights
            .iter()
            .filter(|(_, w)| *w > 0)
            .map(|(s, _)| *s)
            .collect();
        let slug = page.slug.clone();
        let weights_form = if page.weights.is_empty() {
            view! { <p>{lang.text(Key::ResultsErrorNoRubric)}</p> }.into_any()
        } else if page.weights_locked || page.frozen.is_some() {
            view! {
                <p>{lang.text(Key::ResultsWeightsLocked)}</p>
                <ul>{page.weights.iter().map(|(s, w)| view! { <li>{lang.format(Key::ResultsWeightLine, &[("stage", lang.text(s.label())), ("weight", &w.to_string())])}</li> }).collect_view()}</ul>
            }.into_any()
        } else {
            let default_note = page
                .weights_default
                .then(|| view! { <p class="hint">{lang.text(Key::ResultsWeightsDefault)}</p> });
            let weights_messages = errors.messages("weights");
            let inputs = page.weights.iter().map(|(s, w)| {
                let field = format!("weight-{}", s.code());
                let value = if weight_errors.has_errors() { weight_errors.value(&field) } else { w.to_string() };
                view! {
                    <Input field=field.clone() name=format!("weight[{}]", s.code())
                        label=lang.format(Key::ResultsWeightOf, &[("stage", lang.text(s.label()))])
                        value=value input_type="number" messages=errors.messages(&field)/>
                }
            }).collect_view();
            let slug = slug.clone();
            view! {
                <ActionForm action=weights>
                    <input type="hidden" name="slug" value=slug/>
                    {default_note}
                    <FieldMessages messages=weights_messages id="field-weights"/>
                    {inputs}
                    <p class="hint">{lang.text(Key::ResultsWeightsHint)}</p>
                    <button type="submit" class="button">{lang.text(Key::ResultsSaveWeights)}</button>
                </ActionForm>
            }.into_any()
        };
        let ranking = if page.rows.is_empty() {
            view! { <p>{lang.text(Key::ResultsNoFinalists)}</p> }.into_any()
        } else {
            let head = weighted
                .iter()
                .map(|s| view! { <th scope="col">{lang.text(s.label())}</th> })
                .collect_view();
            let rows = page.rows.iter().map(|r| {
                let cells = weighted.iter().map(|s| {
                    let v = r.scores.iter().find(|(st, _)| st == s).and_then(|(_, v)| *v);
                    view! { <td>{maybe_points(v)}</td> }
                }).collect_view();
                view! {
                    <tr>
                        <td>{r.rank}</td>
                        <th scope="row">{r.team.clone()}<br/><span class="hint">{r.title.clone()}</span></th>
                        {cells}
                        <td>{maybe_points(r.total_milli)}</td>
                        <td>{tie_text(lang, &r.tie)}</td>
                        <td>{award_text(lang, r.award)}</td>
                    </tr>
                }
            }).collect_view();
            view! {
                <TableBox label=lang.text(Key::ResultsFinalRanking)>
                    <table class="table">
                        <caption>{lang.text(Key::ResultsFinalRanking)}</caption>
                        <thead><tr>
                            <th scope="col">{lang.text(Key::JudgingRank)}</th>
                            <th scope="col">{lang.text(Key::JudgingTeamName)}</th>
                            {head}
                            <th scope="col">{lang.text(Key::ResultsFinalScore)}</th>
                            <th scope="col">{lang.text(Key::JudgingTieColumn)}</th>
                            <th scope="col">{lang.text(Key::ResultsAward)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableBox>
            }
            .into_any()
        };
        let freeze_part = match page.frozen.clone() {
            None => {
                let missing = (page.missing > 0).then(|| view! {
                    <p class="field-error">{lang.format(Key::ResultsMissingCount, &[("count", &page.missing.to_string())])}</p>
                });
                let freeze_messages = errors.messages("freeze");
                let slug = slug.clone();
                view! {
                    {missing}
                    <ActionForm action=freeze>
                        <input type="hidden" name="slug" value=slug/>
                        <p class="hint" id="field-freeze-hint">{lang.text(Key::ResultsFreezeHint)}</p>
                        <FieldMessages messages=freeze_messages id="field-freeze-error"/>
                        <button type="submit" class="button" id="field-freeze" aria-describedby="field-freeze-hint">{lang.text(Key::ResultsFreeze)}</button>
                    </ActionForm>
                }.into_any()
            }
            Some(frozen) => {
                let published = frozen.published.clone();
                let announce = match published {
                    Some((by, at)) => view! {
                        <p>{lang.format(Key::ResultsPublishedBy, &[("by", &by), ("at", &lang.datetime(at))])}</p>
                    }.into_any(),
                    None => {
                        let publish_messages = errors.messages("publish");
                        let publish_errors = errors.clone();
                        let slug = slug.clone();
                        view! {
                            <ActionForm action=publish>
                                <input type="hidden" name="slug" value=slug/>
                                <FieldMessages messages=publish_messages id="field-publish"/>
                                <TextField name="runners_up" label=Key::ResultsRunnersUp input_type="number" value="2" errors=publish_errors.clone()/>
                                <TextField name="honourable" label=Key::ResultsHonourable input_type="number" value="3" errors=publish_errors/>
                                <p class="hint">{lang.text(Key::ResultsPublishHint)}</p>
                                <button type="submit" class="button">{lang.text(Key::ResultsPublish)}</button>
                            </ActionForm>
                        }.into_any()
                    }
                };
                view! {
                    <FrozenFacts frozen=frozen/>
                    <h2>{lang.text(Key::ResultsPublishHeading)}</h2>
                    {announce}
                }
                .into_any()
            }
        };
        let mut fields = weight_fields;
        fields.extend(["runners_up", "honourable"].map(String::from));
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::FINAL/>
            <ErrorSummary errors=errors.clone() other=other fields=vec!["weights", "freeze", "publish"] more_fields=fields/>
            <p>
                <a href=format!("/kelola/{}/penilaian", page.slug)>{lang.format(Key::JudgingTitle, &[("competition", &page.title)])}</a>
                " · "
                <a href=format!("/kompetisi/{}/hasil", page.slug)>{lang.text(Key::ResultsPublicLink)}</a>
            </p>
            <h1>{title}</h1>
            <h2>{lang.text(Key::ResultsWeightsHeading)}</h2>
            {weights_form}
            <h2>{lang.text(Key::ResultsFinalRanking)}</h2>
            <p class="hint">{lang.text(Key::ResultsFinalRule)}</p>
            <p>
                <a href=format!("/kelola/{}/hasil-akhir.csv", page.slug)>{lang.text(Key::ResultsFinalCsv)}</a>
                " · "
                <a href=format!("/kelola/{}/hasil-akhir.xlsx", page.slug)>{lang.text(Key::ResultsXlsx)}</a>
            </p>
            {ranking}
            <h2>{lang.text(Key::ResultsFreezeHeading)}</h2>
            {freeze_part}
        }
        .into_any()
    })
}

/// `/kompetisi/{slug}/hasil`.
#[component]
pub fn PublicResultsPage() -> impl IntoView {
    let slug = param("slug");
    let data = Resource::new(slug, get_public_results);
    loaded(data, move |page| {
        let lang = use_lang();
        let title = lang.format(Key::ResultsPublicTitle, &[("competition", &page.title)]);
        let published = page.frozen.as_ref().is_some_and(|f| f.published.is_some());
        let table = (!page.rows.is_empty()).then(|| view! {
            <TableBox label=lang.text(Key::ResultsFinalRanking)>
                <table class="table">
                    <caption>{lang.text(Key::ResultsFinalRanking)}</caption>
                    <thead><tr>
                        <th scope="col">{lang.text(Key::JudgingRank)}</th>
                        <th scope="col">{lang.text(Key::JudgingTeamName)}</th>
                        <th scope="col">{lang.text(Key::ResultsAgency)}</th>
                        <th scope="col">{lang.text(Key::ResultsFinalScore)}</th>
                        <th scope="col">{lang.text(Key::ResultsAward)}</th>
                    </tr></thead>
                    <tbody>
                        {page.rows.iter().map(|r| view! {
                            <tr>
                                <td>{r.rank}</td>
                                <th scope="row">{r.team.clone()}<br/><span class="hint">{r.title.clone()}</span></th>
                                <td>{r.agency.clone()}</td>
                                <td>{maybe_points(r.total_milli)}</td>
                                <td>{award_text(lang, r.award)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
        });
        view! {
            <Title text=title.clone()/>
            <p><a href=format!("/kompetisi/{}", page.slug)>{page.title.clone()}</a></p>
            <h1>{title}</h1>
            {match page.frozen.clone() {
                None => view! { <p>{lang.text(Key::ResultsNotYet)}</p> }.into_any(),
                Some(frozen) => view! {
                    {(!published).then(|| view! { <p>{lang.text(Key::ResultsFrozenNotPublished)}</p> })}
                    {table}
                    <h2>{lang.text(Key::ResultsVerifyHeading)}</h2>
                    <FrozenFacts frozen=frozen/>
                }.into_any(),
            }}
        }
        .into_any()
    })
}

/// `/tim/{id}/hasil`.
#[component]
pub fn TeamResultsPage() -> impl IntoView {
    let id = param("id");
    let data = Resource::new(id, |id| get_team_results(id.parse().unwrap_or_default()));
    loaded(data, move |page| {
        let lang = use_lang();
        let title = lang.format(Key::ResultsTeamTitle, &[("team", &page.team)]);
        let slots = (!page.slots.is_empty()).then(|| {
            view! {
                <h2>{lang.text(Key::ResultsScheduleHeading)}</h2>
                <ul>
                    {page.slots.iter().map(|(stage, at, minutes, place)| view! {
                        <li>{lang.format(Key::ResultsSlotLine, &[
                            ("stage", lang.text(stage.label())), ("at", &lang.datetime(*at)),
                            ("minutes", &minutes.to_string()), ("place", place),
                        ])}</li>
                    }).collect_view()}
                </ul>
            }
        });
        let body = if !page.published {
            view! { <p>{lang.text(Key::ResultsNotYet)}</p> }.into_any()
        } else {
            let summary = match page.final_rank {
                Some(rank) => lang.format(
                    Key::ResultsTeamFinal,
                    &[
                        ("rank", &rank.to_string()),
                        ("count", &page.finalists.to_string()),
                        ("score", &maybe_points(page.total_milli)),
                        ("award", &award_text(lang, page.award)),
                    ],
                ),
                None => lang.text(Key::ResultsTeamNotFinalist).to_string(),
            };
            view! {
                <p>{summary}</p>
                {page.stages.clone().into_iter().map(|s| {
                    let criteria = s.criteria.iter().map(|(name, mean, min, max)| view! {
                        <tr>
                            <th scope="row">{name.clone()}</th>
                            <td>{points(*mean)}</td>
                            <td>{format!("{min}–{max}")}</td>
                        </tr>
                    }).collect_view();
                    let comments = if s.comments.is_empty() {
                        view! { <p>{lang.text(Key::ResultsNoComments)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="comments">
                                {s.comments.iter().enumerate().map(|(i, c)| view! {
                                    <li><strong>{lang.format(Key::JudgingPeerNumber, &[("n", &(i + 1).to_string())])}": "</strong>{c.clone()}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    };
                    // One table per stage: each named by its stage, so each region is unique.
                    let criteria_label = format!(
                        "{} — {}",
                        lang.text(Key::ResultsCriteriaHeading),
                        lang.text(s.stage.label())
                    );
                    let rank = lang.format(Key::ResultsRankOf, &[("rank", &s.rank.map(|r| r.to_string()).unwrap_or_default()), ("count", &s.of.to_string())]);
                    view! {
                        <h2>{lang.text(s.stage.label())}</h2>
                        <dl class="facts">
                            <dt>{lang.text(Key::JudgingRank)}</dt>
                            <dd>{rank}</dd>
                            <dt>{lang.text(Key::JudgingRankRaw)}</dt><dd>{maybe_points(s.raw_mean_milli)}</dd>
                            <dt>{lang.text(Key::JudgingRankNormalised)}</dt><dd>{maybe_points(s.normalised_milli)}</dd>
                        </dl>
                        <TableBox label=criteria_label.clone()>
                            <table class="table">
                                <caption>{criteria_label}</caption>
                                <thead><tr>
                                    <th scope="col">{lang.text(Key::ResultsCriterion)}</th>
                                    <th scope="col">{lang.text(Key::JudgingMean)}</th>
                                    <th scope="col">{lang.text(Key::ResultsScale)}</th>
                                </tr></thead>
                                <tbody>{criteria}</tbody>
                            </table>
                        </TableBox>
                        <h3>{lang.text(Key::ResultsComments)}</h3>
                        {comments}
                    }
                }).collect_view()}
            }.into_any()
        };
        view! {
            <Title text=title.clone()/>
            <p><a href=format!("/tim/{}", page.team_id)>{page.team.clone()}</a>" · "<a href=format!("/kompetisi/{}/hasil", page.slug)>{lang.text(Key::ResultsPublicLink)}</a></p>
            <h1>{title}</h1>
            <p>{page.competition.clone()}</p>
            {slots}
            {body}
        }
        .into_any()
    })
}
