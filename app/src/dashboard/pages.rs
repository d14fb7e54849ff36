//! `/kelola/{slug}/peserta`: counts, breakdowns, and the filtered list of teams and
//! proposals, with its CSV. The filters are a plain GET form.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_dashboard, get_eligibility, DecideEligibility};
use super::{Counts, Filters, ProposalStatus};
use crate::i18n::{use_lang, Key};
use crate::site::forms::{form_errors, ErrorSummary, FieldMessages, TextAreaField};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::paths::encode_query_value;
use crate::site::table::TableBox;

fn filters_from_query() -> Filters {
    let query = use_query_map();
    let q = query.read();
    let get = |k: &str| q.get(k).unwrap_or_default();
    Filters {
        state: get("status"),
        category: get("kategori"),
        province: get("provinsi"),
        search: get("cari"),
        flagged: get("tandai"),
    }
}

fn query_string(f: &Filters) -> String {
    [
        ("status", &f.state),
        ("kategori", &f.category),
        ("provinsi", &f.province),
        ("cari", &f.search),
        ("tandai", &f.flagged),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
    .collect::<Vec<_>>()
    .join("&")
}

#[component]
fn CountsTable(caption: Key, rows: Vec<(String, Counts)>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <TableBox label=lang.text(caption)>
            <table class="table">
                <caption>{lang.text(caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.text(caption)}</th>
                        <th scope="col">{lang.text(Key::DashboardTeams)}</th>
                        <th scope="col">{lang.text(Key::ProposalsStatusDraft)}</th>
                        <th scope="col">{lang.text(Key::ProposalsStatusSubmitted)}</th>
                        <th scope="col">{lang.text(Key::ProposalsStatusWithdrawn)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(name, c)| view! {
                        <tr>
                            <th scope="row">{if name.is_empty() { "—".to_string() } else { name }}</th>
                            <td>{c.teams}</td>
                            <td>{c.drafts}</td>
                            <td>{c.submitted}</td>
                            <td>{c.withdrawn}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                filters_from_query(),
            )
        },
        |(slug, filters)| get_dashboard(slug, filters),
    );
    loaded(data, move |board| {
        let lang = use_lang();
        let title = lang.format(Key::DashboardTitle, &[("competition", &board.title)]);
        let f = board.filters.clone();
        let csv = format!("/kelola/{}/peserta.csv?{}", board.slug, query_string(&f));
        let option = |value: String, text: String, chosen: &str| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{text}</option> }
        };
        let states = ProposalStatus::ALL
            .into_iter()
            .map(|s| {
                option(
                    s.code().to_string(),
                    lang.text(s.label()).to_string(),
                    &f.state,
                )
            })
            .collect_view();
        let categories = board
            .categories
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| option(c.clone(), c.clone(), &f.category))
            .collect_view();
        let provinces = board
            .provinces
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| option(p.clone(), p.clone(), &f.province))
            .collect_view();
        let totals = vec![(
            lang.text(Key::DashboardAll).to_string(),
            board.totals.clone(),
        )];
        let shown = board.rows.len();
        view! {
            <Title text=title.clone()/>
            <p><a href=format!("/kelola/{}", board.slug)>{lang.text(Key::DashboardBack)}</a></p>
            <h1>{title}</h1>
            <CountsTable caption=Key::DashboardTotals rows=totals/>
            <CountsTable caption=Key::TeamsCategory rows=board.by_category.clone()/>
            <CountsTable caption=Key::DashboardProvince rows=board.by_province.clone()/>
            <h2 id="daftar">{lang.text(Key::DashboardListHeading)}</h2>
            <form method="get" action=format!("/kelola/{}/peserta", board.slug) class="filters">
                <div class="field">
                    <label for="filter-status">{lang.text(Key::ProposalsStatus)}</label>
                    <select id="filter-status" name="status">
                        <option value="">{lang.text(Key::DashboardAny)}</option>
                        {states}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-kategori">{lang.text(Key::TeamsCategory)}</label>
                    <select id="filter-kategori" name="kategori">
                        <option value="">{lang.text(Key::DashboardAny)}</option>
                        {categories}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-provinsi">{lang.text(Key::DashboardProvince)}</label>
                    <select id="filter-provinsi" name="provinsi">
                        <option value="">{lang.text(Key::DashboardAny)}</option>
                        {provinces}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-cari">{lang.text(Key::DashboardSearch)}</label>
                    <input id="filter-cari" name="cari" value=f.search.clone()/>
                </div>
                <div class="checkbox">
                    <input type="checkbox" id="filter-tandai" name="tandai" value="1" checked=f.flagged == "1"/>
                    <label for="filter-tandai">{lang.text(Key::DashboardOnlyFlagged)}</label>
                </div>
                <button type="submit" class="button">{lang.text(Key::DashboardFilter)}</button>
            </form>
            <p role="status">{lang.format(Key::DashboardShown, &[("count", &shown.to_string())])}
                " · " <a href=csv.clone() download>{lang.text(Key::DashboardCsv)}</a>
                " · " <a href=format!("{csv}&pemisah=titik-koma") download>{lang.text(Key::DashboardCsvSemicolon)}</a>
            </p>
            <TableBox label=lang.text(Key::DashboardListHeading)>
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{lang.text(Key::CompetitionTeamName)}</th>
                            <th scope="col">{lang.text(Key::TeamsAgency)}</th>
                            <th scope="col">{lang.text(Key::TeamsRegion)}</th>
                            <th scope="col">{lang.text(Key::TeamsCategory)}</th>
                            <th scope="col">{lang.text(Key::DashboardMembers)}</th>
                            <th scope="col">{lang.text(Key::ProposalsStatus)}</th>
                            <th scope="col">{lang.text(Key::ProposalsTitleLabel)}</th>
                            <th scope="col">{lang.text(Key::DashboardChallenge)}</th>
                            <th scope="col">{lang.text(Key::DashboardFlags)}</th>
                            <th scope="col">{lang.text(Key::DashboardDecision)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {board.rows.into_iter().map(|r| {
                            let decide = format!("/kelola/{}/peserta/{}", board.slug, r.id);
                            let decision = match &r.decision {
                                Some(d) => lang.text(d.label()),
                                None if r.state == ProposalStatus::Submitted => lang.text(Key::DashboardDecide),
                                None => "",
                            };
                            view! {
                            <tr>
                                <th scope="row"><a href=format!("/tim/{}/proposal", r.id)>{r.name}</a></th>
                                <td>{r.agency}</td>
                                <td>{r.region}</td>
                                <td>{r.category}</td>
                                <td>{r.members}</td>
                                <td>{lang.text(r.state.label())}</td>
                                <td>{r.title}</td>
                                <td>{r.challenge}</td>
                                <td>{r.flags.iter().map(|f| lang.text(f.label())).collect::<Vec<_>>().join("; ")}</td>
                                <td>{(!decision.is_empty()).then(|| view! { <a href=decide>{decision}</a> })}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            </TableBox>
        }
        .into_any()
    })
}

/// `/kelola/{slug}/peserta/{team}`: what the entry rules say about one team's proposal,
/// every decision so far, and the form for the next one.
#[component]
pub fn EligibilityPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("team")
                    .and_then(|t| t.parse::<i32>().ok())
                    .unwrap_or(0),
            )
        },
        |(slug, team)| get_eligibility(slug, team),
    );
    let decide = ServerAction::<DecideEligibility>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let (errors, other) = form_errors(decide.value().get_untracked());
        let title = lang.format(Key::DashboardEligibilityTitle, &[("team", &page.row.name)]);
        let row = page.row.clone();
        let submitted = row.state == ProposalStatus::Submitted;
        let chosen = errors.value("decision");
        let decision_messages = errors.messages("decision");
        let invalid = !decision_messages.is_empty();
        let options = [
            ("eligible", Key::DashboardDecisionEligible),
            ("ineligible", Key::DashboardDecisionIneligible),
        ];
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::ELIGIBILITY/>
            <ErrorSummary errors=errors.clone() other=other fields=vec!["decision", "reason"]/>
            <p><a href=format!("/kelola/{}/peserta", page.slug)>{lang.format(Key::DashboardTitle, &[("competition", &page.competition_title)])}</a></p>
            <h1>{title}</h1>
            <dl class="facts">
                <dt>{lang.text(Key::TeamsAgency)}</dt><dd>{row.agency.clone()}</dd>
                <dt>{lang.text(Key::ProposalsStatus)}</dt><dd>{lang.text(row.state.label())}</dd>
                <dt>{lang.text(Key::ProposalsTitleLabel)}</dt><dd>{row.title.clone()}</dd>
            </dl>
            <p><a href=format!("/tim/{}/proposal", row.id)>{lang.text(Key::DashboardReadProposal)}</a></p>
            <h2>{lang.text(Key::DashboardRulesHeading)}</h2>
            <ul>{page.facts.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}</ul>
            <p>
                <strong>{lang.text(Key::DashboardFlags)}": "</strong>
                {if row.flags.is_empty() {
                    lang.text(Key::DashboardNoFlags).to_string()
                } else {
                    row.flags.iter().map(|f| lang.text(f.label())).collect::<Vec<_>>().join("; ")
                }}
            </p>
            <h2>{lang.text(Key::DashboardDecisionsHeading)}</h2>
            {if page.history.is_empty() {
                view! { <p>{lang.text(Key::DashboardNoDecision)}</p> }.into_any()
            } else {
                view! {
                    <ol reversed>
                        {page.history.iter().map(|d| view! {
                            <li>
                                <strong>{lang.text(d.label())}</strong>
                                " · " {d.by.clone()} " · " {lang.datetime(d.at)}
                                {(!d.reason.is_empty()).then(|| view! { <p>{d.reason.clone()}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {if submitted {
                view! {
                    <div class="narrow">
                        <ActionForm action=decide>
                            <input type="hidden" name="slug" value=page.slug.clone()/>
                            <input type="hidden" name="team" value=row.id/>
                            <fieldset class="field" class:field-invalid=invalid id="field-decision">
                                <legend>{lang.text(Key::DashboardDecision)}</legend>
                                <FieldMessages messages=decision_messages/>
                                {options.into_iter().map(|(value, key)| {
                                    let id = format!("decision-{value}");
                                    view! {
                                        <div class="checkbox">
                                            <input type="radio" id=id.clone() name="decision" value=value checked=chosen == value/>
                                            <label for=id>{lang.text(key)}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <TextAreaField name="reason" label=Key::DashboardReason hint=Key::DashboardReasonHint rows=3 errors=errors.clone()/>
                            <button type="submit" class="button">{lang.text(Key::DashboardSaveDecision)}</button>
                        </ActionForm>
                    </div>
                }.into_any()
            } else {
                view! { <p>{lang.text(Key::DashboardErrorNotSubmitted)}</p> }.into_any()
            }}
        }
        .into_any()
    })
}
