//! The proposal pages: the editor (`/tim/{id}/proposal`) and one part's history
//! (`/tim/{id}/proposal/riwayat?bagian=`). Plain forms that work without JavaScript; the
//! autosave island adds saving as one types. Each part's comment threads sit beside its
//! field, in the editor too (their controls name forms placed after it: see
//! `mentoring::pages`).
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    get_part_history, get_proposal_editor, RestoreRevision, SaveProposal, SubmitProposal,
    WithdrawProposal,
};
use super::autosave::{AutosaveLabels, ProposalAutosave};
use super::{PartKind, PartView, ProposalEditor, ProposalStatus};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{use_lang, Key, Lang};
use crate::mentoring::api::{AddComment, ResolveComment};
use crate::mentoring::pages::{PartCommentForms, PartComments};
use crate::mentoring::CommentView;
use crate::site::forms::{form_errors, ErrorSummary, FieldMessages};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};

fn team_param() -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    }
}

const SDG_KEYS: [Key; 17] = [
    Key::SdgsG1,
    Key::SdgsG2,
    Key::SdgsG3,
    Key::SdgsG4,
    Key::SdgsG5,
    Key::SdgsG6,
    Key::SdgsG7,
    Key::SdgsG8,
    Key::SdgsG9,
    Key::SdgsG10,
    Key::SdgsG11,
    Key::SdgsG12,
    Key::SdgsG13,
    Key::SdgsG14,
    Key::SdgsG15,
    Key::SdgsG16,
    Key::SdgsG17,
];

fn size_label(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let team = team_param();
    let save = ServerAction::<SaveProposal>::new();
    // Texts that came back with problems were kept on the server, not in the URL: they
    // are read back with the editor.
    let stash = form_errors(save.value().get_untracked())
        .0
        .detail(crate::site::forms::STASH_DETAIL);
    let data = Resource::new(team, move |team| {
        let stash = stash.clone();
        async move {
            let editor = get_proposal_editor(team).await?;
            let kept = match stash {
                Some(token) => super::api::get_stashed_values(token)
                    .await
                    .unwrap_or_default(),
                None => Default::default(),
            };
            Ok::<_, AppError>((editor, kept))
        }
    });
    let submit = ServerAction::<SubmitProposal>::new();
    let withdraw = ServerAction::<WithdrawProposal>::new();
    let add = ServerAction::<AddComment>::new();
    let resolve = ServerAction::<ResolveComment>::new();
    loaded(data, move |(editor, kept)| {
        let (mut save_errors, save_other) = form_errors(save.value().get_untracked());
        save_errors.values.extend(kept);
        let lang = use_lang();
        let query = use_query_map().read_untracked();
        let mut upload_errors = FieldErrors::new();
        if let Some(key) = query
            .get("lampiran_galat")
            .as_deref()
            .and_then(Key::from_name)
        {
            upload_errors.add(super::ATTACHMENT_FIELD, key);
        }
        let (submit_errors, submit_other) = form_errors(submit.value().get_untracked());
        let (withdraw_errors, withdraw_other) = form_errors(withdraw.value().get_untracked());
        let (comment_errors, comment_other) = form_errors(add.value().get_untracked());
        let (_, resolve_other) = form_errors(resolve.value().get_untracked());
        let comment_fields: Vec<String> = editor
            .parts
            .iter()
            .map(|p| format!("comment-{}", p.part))
            .collect();
        let comments = Comments {
            add,
            resolve,
            errors: comment_errors.clone(),
        };
        let mut fields: Vec<String> = vec!["proposal".to_string()];
        fields.extend(editor.parts.iter().map(|p| p.part.clone()));
        fields.extend(["sdgs".to_string(), "started_on".to_string()]);
        // Thirteen sections share "this section must be filled in": each says which.
        let mut names: Vec<(String, String)> = editor
            .parts
            .iter()
            .map(|p| (p.part.clone(), p.label.clone()))
            .collect();
        names.push((
            "sdgs".to_string(),
            lang.text(Key::ProposalsSdgsLabel).to_string(),
        ));
        names.push((
            "started_on".to_string(),
            lang.text(Key::ProposalsStartedOn).to_string(),
        ));
        let comment_names: Vec<(String, String)> = editor
            .parts
            .iter()
            .map(|p| (format!("comment-{}", p.part), p.label.clone()))
            .collect();
        let title = lang.format(Key::ProposalsPageTitle, &[("team", &editor.team_name)]);
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::PROPOSAL/>
            <ErrorSummary errors=save_errors.clone() other=save_other fields=vec![] more_fields=fields.clone() names=names.clone()/>
            <ErrorSummary errors=submit_errors.clone() other=submit_other fields=vec![] more_fields=fields names/>
            <ErrorSummary errors=withdraw_errors other=withdraw_other fields=vec!["proposal"]/>
            <ErrorSummary errors=upload_errors.clone() other=None fields=vec![super::ATTACHMENT_FIELD]/>
            <ErrorSummary errors=comment_errors other=comment_other.or(resolve_other) fields=vec![] more_fields=comment_fields names=comment_names/>
            <p><a href=format!("/tim/{}", editor.team_id)>{lang.format(Key::ProposalsBackToTeam, &[("team", &editor.team_name)])}</a></p>
            <h1>{title}</h1>
            <ProposalStatus editor=editor.clone() submit withdraw/>
            {editor.decision.clone().map(|d| {
                let class = if d.eligible { "notice" } else { "notice notice-warning" };
                view! {
                    <p class=class>
                        {lang.format(Key::ProposalsDecision, &[("decision", lang.text(d.label()))])}
                        {(!d.reason.is_empty()).then(|| format!(" {}", d.reason))}
                    </p>
                }
            })}
            {if editor.editable {
                view! {
                    <ProposalForm editor=editor.clone() save errors=save_errors submit_errors comments=comments.clone()/>
                }
                .into_any()
            } else {
                view! { <ProposalReadOnly editor=editor.clone() comments=comments.clone()/> }.into_any()
            }}
            <Attachments editor errors=upload_errors/>
        }
        .into_any()
    })
}

#[component]
fn ProposalStatus(
    editor: ProposalEditor,
    submit: ServerAction<SubmitProposal>,
    withdraw: ServerAction<WithdrawProposal>,
) -> impl IntoView {
    let lang = use_lang();
    let team = editor.team_id;
    let can_submit =
        editor.is_lead && editor.submission_open && editor.status != ProposalStatus::Submitted;
    view! {
        <p id="field-proposal">
            {lang.text(Key::ProposalsStatus)}": "
            <span class="status-badge">{lang.text(editor.status.label())}</span>
            {editor.submitted_at.filter(|_| editor.status == ProposalStatus::Submitted).map(|at| view! {
                " " {lang.format(Key::ProposalsSubmittedAt, &[("date", &lang.datetime(at))])}
            })}
        </p>
        {editor.deadline.map(|deadline| view! {
            <p>{lang.format(Key::ProposalsDeadline, &[("date", &lang.datetime(deadline))])}</p>
        })}
        {can_submit.then(|| view! {
            <p>{lang.text(Key::ProposalsSubmitLead)}</p>
            <ActionForm action=submit>
                <input type="hidden" name="team" value=team/>
                <button type="submit" class="button">{lang.text(Key::ProposalsSubmitButton)}</button>
            </ActionForm>
        })}
        {(editor.is_lead && !editor.submission_open && editor.status != ProposalStatus::Submitted).then(|| view! {
            <p>{lang.text(Key::ProposalsSubmissionClosed)}</p>
        })}
        {editor.can_withdraw.then(|| view! {
            <p>{lang.text(Key::ProposalsWithdrawLead)}</p>
            <ActionForm action=withdraw>
                <input type="hidden" name="team" value=team/>
                <button type="submit" class="link-button">{lang.text(Key::ProposalsWithdrawButton)}</button>
            </ActionForm>
        })}
    }
}

fn words_hint(lang: Lang, part: &PartView) -> Option<String> {
    part.word_limit
        .map(|limit| lang.format(Key::ProposalsWordLimit, &[("limit", &limit.to_string())]))
}

#[component]
fn ProposalForm(
    editor: ProposalEditor,
    save: ServerAction<SaveProposal>,
    errors: FieldErrors,
    submit_errors: FieldErrors,
    /// The threads of each part sit beside its field; their forms go after this one.
    comments: Comments,
) -> impl IntoView {
    let lang = use_lang();
    let labels = AutosaveLabels {
        saved: lang.text(Key::ProposalsAutosaved).to_string(),
        saving: lang.text(Key::ProposalsSaving).to_string(),
        stale: lang.text(Key::ProposalsErrorStale).to_string(),
        failed: lang.text(Key::ProposalsAutosaveFailed).to_string(),
    };
    let failed = errors.has_errors();
    let team = editor.team_id;
    let (can_comment, can_resolve) = (editor.can_comment, editor.is_member);
    let parts = editor
        .parts
        .clone()
        .into_iter()
        .map(|part| {
            let id = format!("field-{}", part.part);
            let mut messages = errors.messages(&part.part);
            messages.extend(submit_errors.messages(&part.part));
            let stale = messages.contains(&Key::ProposalsErrorStale);
            let invalid = !messages.is_empty();
            let value = if failed { errors.value(&part.part) } else { part.body.clone() };
            let hint = words_hint(lang, &part);
            let described = [
                Some(format!("{id}-count")),
                invalid.then(|| format!("{id}-error")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let history = format!("/tim/{team}/proposal/riwayat?bagian={}", part.part);
            let threads = threads_of(&editor, &part.part);
            let comment_count = threads.iter().map(|c| 1 + c.replies.len()).sum::<usize>();
            let name = format!("text[{}]", part.part);
            let control = match part.kind {
                PartKind::Line => view! {
                    <input id=id.clone() name=name value=value aria-describedby=described.clone() aria-invalid=invalid.then_some("true")/>
                }
                .into_any(),
                PartKind::Text | PartKind::Links => view! {
                    <textarea id=id.clone() name=name rows=if part.kind == PartKind::Links { 3 } else { 8 } aria-describedby=described.clone() aria-invalid=invalid.then_some("true")>
                        {value}
                    </textarea>
                }
                .into_any(),
            };
            let part_comments = (can_comment || !threads.is_empty()).then(|| view! {
                <PartComments
                    team
                    part=part.part.clone()
                    label=part.label.clone()
                    threads
                    can_comment
                    can_resolve
                    add=comments.add
                    resolve=comments.resolve
                    errors=comments.errors.clone()
                    in_editor=true
                />
            });
            view! {
                <div class="proposal-part">
                    <div class="field" class:field-invalid=invalid>
                        <label for=id.clone()>{part.label.clone()}</label>
                        <p class="hint" id=format!("{id}-count")>
                            {lang.text(Key::ProposalsWords)}": "<span id=format!("words-{}", part.part)>{part.words}</span>
                            {hint.map(|h| view! { " · " {h} })}
                            " · " <a href=history>{lang.text(Key::ProposalsHistoryLink)}<span class="visually-hidden">": "{part.label.clone()}</span></a>
                            {(comment_count > 0).then(|| view! {
                                " · " <a href=format!("#comments-{}", part.part)>{lang.format(Key::MentoringCount, &[("count", &comment_count.to_string())])}<span class="visually-hidden">": "{part.label.clone()}</span></a>
                            })}
                        </p>
                        <FieldMessages messages=messages id=format!("{id}-error")/>
                        {stale.then(|| view! {
                            <details open>
                                <summary>{lang.text(Key::ProposalsStoredNow)}</summary>
                                <pre class="stored-text">{part.body.clone()}</pre>
                            </details>
                        })}
                        {control}
                        <p class="autosave-status" id=format!("status-{}", part.part) role="status" aria-live="polite"></p>
                        <input type="hidden" id=format!("base-{}", part.part) name=format!("base[{}]", part.part) value=part.version/>
                    </div>
                    {part_comments}
                </div>
            }
        })
        .collect_view();
    // The forms the comment controls beside the fields belong to (`form=` names them).
    let comment_forms = editor
        .parts
        .iter()
        .map(|part| {
            view! {
                <PartCommentForms
                    team
                    part=part.part.clone()
                    threads=threads_of(&editor, &part.part)
                    can_comment
                    can_resolve
                    add=comments.add
                    resolve=comments.resolve
                />
            }
        })
        .collect_view();
    let chosen: Vec<u8> = if failed {
        super::parse_sdgs(&errors.value("sdgs"))
    } else {
        editor.sdgs.clone()
    };
    let started = if failed {
        errors.value("started_on")
    } else {
        editor.started_on.clone()
    };
    let mut sdg_messages = errors.messages("sdgs");
    sdg_messages.extend(submit_errors.messages("sdgs"));
    let mut start_messages = errors.messages("started_on");
    start_messages.extend(submit_errors.messages("started_on"));
    let sdg_invalid = !sdg_messages.is_empty();
    let start_invalid = !start_messages.is_empty();
    view! {
        <ProposalAutosave team labels>
            <ActionForm action=save>
                <input type="hidden" name="team" value=team/>
                <input type="hidden" name="meta_version" value=editor.meta_version/>
                {parts}
                <fieldset class="field sdgs" class:field-invalid=sdg_invalid id="field-sdgs">
                    <legend>{lang.text(Key::ProposalsSdgsLabel)}</legend>
                    <FieldMessages messages=sdg_messages/>
                    {SDG_KEYS.iter().enumerate().map(|(i, key)| {
                        let n = i as u8 + 1;
                        let id = format!("sdg-{n}");
                        view! {
                            <div class="checkbox">
                                <input type="checkbox" id=id.clone() name=format!("sdg[{n}]") checked=chosen.contains(&n)/>
                                <label for=id>{format!("{n}. {}", lang.text(*key))}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field" class:field-invalid=start_invalid>
                    <label for="field-started_on">{lang.text(Key::ProposalsStartedOn)}</label>
                    <p class="hint" id="field-started_on-hint">{lang.text(Key::ProposalsStartedOnHint)}</p>
                    <FieldMessages messages=start_messages id="field-started_on-error"/>
                    <input type="date" id="field-started_on" name="started_on" value=started aria-describedby="field-started_on-hint"/>
                </div>
                <button type="submit" class="button">{lang.text(Key::ProposalsSaveButton)}</button>
            </ActionForm>
        </ProposalAutosave>
        {comment_forms}
    }
}

/// The comment actions and the failed comment's errors, handed to each part's threads.
#[derive(Clone)]
struct Comments {
    add: ServerAction<AddComment>,
    resolve: ServerAction<ResolveComment>,
    errors: FieldErrors,
}

fn threads_of(editor: &ProposalEditor, part: &str) -> Vec<CommentView> {
    editor
        .comments
        .iter()
        .filter(|c| c.part == part)
        .cloned()
        .collect()
}

#[component]
fn ProposalReadOnly(editor: ProposalEditor, comments: Comments) -> impl IntoView {
    let lang = use_lang();
    let team = editor.team_id;
    let (can_comment, can_resolve) = (editor.can_comment, editor.is_member);
    let threads: Vec<Vec<CommentView>> = editor
        .parts
        .iter()
        .map(|p| threads_of(&editor, &p.part))
        .collect();
    view! {
        <p>{lang.text(Key::ProposalsReadOnly)}</p>
        {editor.parts.into_iter().zip(threads).map(|(part, threads)| view! {
            <section class="proposal-part">
                <h2>{part.label.clone()}</h2>
                {if part.body.trim().is_empty() {
                    view! { <p class="muted">{lang.text(Key::ProposalsEmpty)}</p> }.into_any()
                } else {
                    view! { <div class="proposal-text">{part.body.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}</div> }.into_any()
                }}
                {(can_comment || !threads.is_empty()).then(|| view! {
                    <PartComments
                        team
                        part=part.part.clone()
                        label=part.label.clone()
                        threads
                        can_comment
                        can_resolve
                        add=comments.add
                        resolve=comments.resolve
                        errors=comments.errors.clone()
                    />
                })}
            </section>
        }).collect_view()}
        <h2>{lang.text(Key::ProposalsSdgsLabel)}</h2>
        <ul>{editor.sdgs.iter().map(|n| view! { <li>{format!("{n}. {}", lang.text(SDG_KEYS[(*n as usize) - 1]))}</li> }).collect_view()}</ul>
        <p>{lang.text(Key::ProposalsStartedOn)}": "{lang.date_text(&editor.started_on)}</p>
    }
}

#[component]
fn Attachments(editor: ProposalEditor, errors: FieldErrors) -> impl IntoView {
    let lang = use_lang();
    let team = editor.team_id;
    let messages = errors.messages(super::ATTACHMENT_FIELD);
    let invalid = !messages.is_empty();
    view! {
        <h2 id="lampiran">{lang.text(Key::ProposalsAttachmentsHeading)}</h2>
        {if editor.attachments.is_empty() {
            view! { <p>{lang.text(Key::ProposalsNoAttachments)}</p> }.into_any()
        } else {
            view! {
                <ul class="attachments">
                    {editor.attachments.into_iter().map(|a| view! {
                        <li>
                            <a href=format!("/tim/{team}/proposal/lampiran/{}", a.id)>{a.file_name.clone()}</a>
                            " · " {a.content_type.clone()} " · " {size_label(a.size_bytes)}
                            " · " <span class="muted">"SHA-256 " <code>{a.sha256[..12].to_string()}</code></span>
                            {editor.editable.then(|| view! {
                                <form method="post" action=format!("/tim/{team}/proposal/lampiran/{}/hapus", a.id) class="inline-form">
                                    <button type="submit" class="link-button">{lang.format(Key::ProposalsRemoveAttachment, &[("name", &a.file_name)])}</button>
                                </form>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        {editor.editable.then(|| view! {
            <form method="post" enctype="multipart/form-data" action=format!("/tim/{team}/proposal/lampiran") class="narrow">
                <div class="field" class:field-invalid=invalid>
                    <label for="field-attachment">{lang.text(Key::ProposalsAttachmentLabel)}</label>
                    <p class="hint" id="field-attachment-hint">{lang.text(Key::ProposalsAttachmentHint)}</p>
                    <FieldMessages messages=messages id="field-attachment-error"/>
                    <input type="file" id="field-attachment" name="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" required aria-describedby="field-attachment-hint"/>
                </div>
                <button type="submit" class="button">{lang.text(Key::ProposalsUploadButton)}</button>
            </form>
        })}
    }
}

#[component]
pub fn PartHistoryPage() -> impl IntoView {
    let team = team_param();
    let query = use_query_map();
    let data = Resource::new(
        move || (team(), query.read().get("bagian").unwrap_or_default()),
        |(team, part)| get_part_history(team, part),
    );
    let restore = ServerAction::<RestoreRevision>::new();
    loaded(data, move |history| {
        let lang = use_lang();
        let (errors, other) = form_errors(restore.value().get_untracked());
        let title = lang.format(Key::ProposalsHistoryTitle, &[("part", &history.label)]);
        let team = history.team_id;
        let current = history.current_version;
        view! {
            <Title text=title.clone()/>
            <ErrorSummary errors other fields=vec!["revisions"]/>
            <p><a href=format!("/tim/{team}/proposal")>{lang.text(Key::ProposalsBackToProposal)}</a></p>
            <h1 id="field-revisions">{title}</h1>
            {if history.revisions.is_empty() {
                view! { <p>{lang.text(Key::ProposalsNoRevisions)}</p> }.into_any()
            } else {
                view! {
                    <ol class="revisions">
                        {history.revisions.into_iter().map(|r| {
                            let heading = lang.format(Key::ProposalsRevision, &[
                                ("version", &r.version.to_string()),
                                ("date", &lang.datetime(r.saved_at)),
                                ("by", &r.saved_by.clone().unwrap_or_default()),
                                ("words", &r.words.to_string()),
                            ]);
                            let restorable = history.editable && r.version != current;
                            view! {
                                <li>
                                    <h2>{heading.clone()}</h2>
                                    <pre class="stored-text">{r.body.clone()}</pre>
                                    {(r.version == current).then(|| view! { <p class="muted">{lang.text(Key::ProposalsCurrentVersion)}</p> })}
                                    {restorable.then(|| view! {
                                        <ActionForm action=restore>
                                            <input type="hidden" name="team" value=team/>
                                            <input type="hidden" name="revision" value=r.id/>
                                            <input type="hidden" name="base" value=current/>
                                            <button type="submit" class="link-button">{lang.format(Key::ProposalsRestore, &[("version", &r.version.to_string())])}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        }
        .into_any()
    })
}
