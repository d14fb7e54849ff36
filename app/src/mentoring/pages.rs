//! Comment threads beside a proposal's parts, with a form to comment or reply and a
//! button to mark a thread resolved. Plain forms: they work without JavaScript.
//!
//! In the team's editor the threads sit inside the editor's one big form, and a form
//! cannot hold another: there `PartComments` renders its controls with a `form`
//! attribute naming a form that `PartCommentForms` renders after the editor, holding
//! only what is posted besides the typed text. The browser posts the controls with the
//! form they name, and the big form's data leaves them out.
use leptos::prelude::*;

use super::api::{AddComment, ResolveComment};
use super::CommentView;
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key};
use crate::site::forms::FieldMessages;

/// The id of the form a new comment on `part` is posted with, in the editor.
fn new_form_id(part: &str) -> String {
    format!("comment-form-{part}")
}

/// The id of the form a reply in `thread` is posted with, in the editor.
fn reply_form_id(thread: i32) -> String {
    format!("reply-form-{thread}")
}

/// The id of the form that resolves or reopens `thread`, in the editor.
fn resolve_form_id(thread: i32) -> String {
    format!("resolve-form-{thread}")
}

/// The threads on one part.
#[component]
pub fn PartComments(
    team: i32,
    part: String,
    label: String,
    threads: Vec<CommentView>,
    can_comment: bool,
    /// Members may resolve any thread.
    can_resolve: bool,
    add: ServerAction<AddComment>,
    resolve: ServerAction<ResolveComment>,
    errors: FieldErrors,
    /// Beside a field of the team's editor (itself a form): the controls belong to the
    /// forms `PartCommentForms` renders after it, and the heading is an `h2` (the
    /// editor's sections have labels, not headings). Without threads only the one
    /// "comment" button shows.
    #[prop(optional)]
    in_editor: bool,
) -> impl IntoView {
    let lang = use_lang();
    let field = format!("comment-{part}");
    let messages = errors.messages(&field);
    let invalid = !messages.is_empty();
    let typed = errors.value(&field);
    let heading = lang.format(Key::MentoringHeading, &[("part", &label)]);
    let has_threads = !threads.is_empty();
    let threads_view = threads
        .into_iter()
        .map(|thread| {
            let reply_id = format!("reply-{}", thread.id);
            let thread_label = lang.format(Key::MentoringReplyTo, &[("author", &thread.author)]);
            let part = part.clone();
            let resolve_text =
                lang.text(if thread.resolved { Key::MentoringReopen } else { Key::MentoringResolve });
            let resolve_view = can_resolve.then(|| {
                if in_editor {
                    view! {
                        <button type="submit" class="link-button" form=resolve_form_id(thread.id)>{resolve_text}</button>
                    }
                    .into_any()
                } else {
                    view! {
                        <ActionForm action=resolve attr:class="inline-form">
                            <input type="hidden" name="team" value=team/>
                            <input type="hidden" name="comment" value=thread.id/>
                            <input type="hidden" name="resolved" value=(!thread.resolved).to_string()/>
                            <button type="submit" class="link-button">{resolve_text}</button>
                        </ActionForm>
                    }
                    .into_any()
                }
            });
            let reply_view = (can_comment && !thread.resolved).then(|| {
                let owner = in_editor.then(|| reply_form_id(thread.id));
                let controls = view! {
                    <label for=reply_id.clone()>{thread_label.clone()}</label>
                    <textarea id=reply_id name="body" rows=2 form=owner.clone()></textarea>
                    <button type="submit" class="link-button" form=owner>{lang.text(Key::MentoringSubmitReply)}</button>
                };
                let form = if in_editor {
                    view! { <div class="reply-form">{controls}</div> }.into_any()
                } else {
                    view! {
                        <ActionForm action=add attr:class="reply-form">
                            <input type="hidden" name="team" value=team/>
                            <input type="hidden" name="part" value=part/>
                            <input type="hidden" name="parent" value=thread.id/>
                            {controls}
                        </ActionForm>
                    }
                    .into_any()
                };
                view! {
                    <details class="comment-open">
                        <summary>{thread_label}</summary>
                        {form}
                    </details>
                }
            });
            view! {
                <li class="comment-thread" class:resolved=thread.resolved>
                    <Comment comment=thread.clone()/>
                    {(!thread.replies.is_empty()).then(|| view! {
                        <ul class="comment-replies">
                            {thread.replies.iter().cloned().map(|reply| view! { <li><Comment comment=reply/></li> }).collect_view()}
                        </ul>
                    })}
                    {resolve_view}
                    {reply_view}
                </li>
            }
        })
        .collect_view();
    let section_id = format!("comments-{part}");
    let heading_id = format!("{section_id}-heading");
    let form_part = part.clone();
    let opener = can_comment.then(|| {
        let id = format!("field-{field}");
        let owner = in_editor.then(|| new_form_id(&form_part));
        // In the editor, sending a comment leaves the page: say that it does not save the
        // proposal's own text.
        let described = [
            in_editor.then(|| format!("{id}-hint")),
            invalid.then(|| format!("{id}-error")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let described = (!described.is_empty()).then_some(described);
        let controls = view! {
            <div class="field" class:field-invalid=invalid>
                <label for=id.clone()>{lang.text(Key::MentoringNew)}<span class="visually-hidden">": "{label.clone()}</span></label>
                {in_editor.then(|| view! {
                    <p class="hint" id=format!("{id}-hint")>{lang.text(Key::MentoringEditorHint)}</p>
                })}
                <FieldMessages messages=messages id=format!("{id}-error")/>
                <textarea
                    id=id.clone()
                    name="body"
                    rows=3
                    form=owner.clone()
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=described
                >
                    {typed}
                </textarea>
            </div>
            <button type="submit" class="button" form=owner>{lang.text(Key::MentoringSubmit)}</button>
        };
        let form = if in_editor {
            controls.into_any()
        } else {
            view! {
                <ActionForm action=add>
                    <input type="hidden" name="team" value=team/>
                    <input type="hidden" name="part" value=form_part/>
                    {controls}
                </ActionForm>
            }
            .into_any()
        };
        // One button per section opens its form (a disclosure: no script needed);
        // it stays open when the last try at it failed.
        view! {
            <details class="comment-open" open=invalid>
                <summary>{lang.text(Key::MentoringOpenForm)}<span class="visually-hidden">": "{label.clone()}</span></summary>
                {form}
            </details>
        }
    });
    if in_editor && !has_threads {
        // Nothing to read yet: the button alone, where the notice's link still lands.
        return view! { <div class="comments" id=section_id>{opener}</div> }.into_any();
    }
    let labelled_by = heading_id.clone();
    let heading = if in_editor {
        view! { <h2 id=heading_id>{heading}</h2> }.into_any()
    } else {
        view! { <h3 id=heading_id>{heading}</h3> }.into_any()
    };
    view! {
        <section class="comments" id=section_id aria-labelledby=labelled_by>
            {heading}
            <ul class="comment-list">{threads_view}</ul>
            {opener}
        </section>
    }
    .into_any()
}

/// The forms the controls of an editor's `PartComments` belong to, for one part: each
/// holds only what is posted besides the typed text, and goes after the editor's form.
#[component]
pub fn PartCommentForms(
    team: i32,
    part: String,
    threads: Vec<CommentView>,
    can_comment: bool,
    can_resolve: bool,
    add: ServerAction<AddComment>,
    resolve: ServerAction<ResolveComment>,
) -> impl IntoView {
    let new_form = can_comment.then(|| {
        let (id, part) = (new_form_id(&part), part.clone());
        view! {
            <ActionForm action=add attr:id=id attr:class="detached-form">
                <input type="hidden" name="team" value=team/>
                <input type="hidden" name="part" value=part/>
            </ActionForm>
        }
    });
    let thread_forms = threads
        .into_iter()
        .map(|thread| {
            let part = part.clone();
            view! {
                {can_resolve.then(|| view! {
                    <ActionForm action=resolve attr:id=resolve_form_id(thread.id) attr:class="detached-form">
                        <input type="hidden" name="team" value=team/>
                        <input type="hidden" name="comment" value=thread.id/>
                        <input type="hidden" name="resolved" value=(!thread.resolved).to_string()/>
                    </ActionForm>
                })}
                {(can_comment && !thread.resolved).then(|| view! {
                    <ActionForm action=add attr:id=reply_form_id(thread.id) attr:class="detached-form">
                        <input type="hidden" name="team" value=team/>
                        <input type="hidden" name="part" value=part/>
                        <input type="hidden" name="parent" value=thread.id/>
                    </ActionForm>
                })}
            }
        })
        .collect_view();
    view! {
        {new_form}
        {thread_forms}
    }
}

#[component]
fn Comment(comment: CommentView) -> impl IntoView {
    let lang = use_lang();
    view! {
        <article class="comment">
            <p class="comment-meta">
                <strong>{comment.author}</strong>
                {comment.by_supporter.then(|| view! { " " <span class="status-badge">{lang.text(Key::MentoringSupporter)}</span> })}
                " · " {lang.datetime(comment.created_at)}
                {comment.resolved.then(|| view! { " · " <span class="status-badge">{lang.text(Key::MentoringResolved)}</span> })}
            </p>
            {comment.body.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
        </article>
    }
}

/// The proposals waiting for the reader's comments (for a mentor's or partner's home).
#[component]
pub fn ProposalsToComment(proposals: Vec<super::ProposalToComment>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="queue-heading">
            <h2 id="queue-heading">{lang.text(Key::SupportQueueHeading)}</h2>
            <p>{lang.text(Key::SupportQueueLead)}</p>
            {if proposals.is_empty() {
                view! { <p>{lang.text(Key::SupportQueueNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="queue">
                        {proposals.into_iter().map(|p| {
                            let changed = lang.datetime(p.changed_at);
                            let when = match p.commented_at {
                                Some(at) => lang.format(Key::SupportQueueSince, &[
                                    ("date", &changed),
                                    ("commented", &lang.datetime(at)),
                                ]),
                                None => lang.format(Key::SupportQueueNever, &[("date", &changed)]),
                            };
                            view! {
                                <li>
                                    <a href=format!("/tim/{}/proposal", p.team_id)>{p.team_name}</a>
                                    " · " {p.competition_title} " · " {lang.text(p.role.label())}
                                    <br/>
                                    {when} " "
                                    {lang.format(Key::SupportQueueOpen, &[("count", &p.open_threads.to_string())])}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
