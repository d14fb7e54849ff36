//! Comment threads beside a proposal's parts, with a form to comment or reply and a
//! button to mark a thread resolved. Plain forms: they work without JavaScript.
use leptos::prelude::*;

use super::api::{AddComment, ResolveComment};
use super::CommentView;
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key};
use crate::site::forms::FieldMessages;

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
) -> impl IntoView {
    let lang = use_lang();
    let field = format!("comment-{part}");
    let messages = errors.messages(&field);
    let invalid = !messages.is_empty();
    let typed = errors.value(&field);
    let heading = lang.format(Key::MentoringHeading, &[("part", &label)]);
    let threads_view = threads
        .into_iter()
        .map(|thread| {
            let reply_id = format!("reply-{}", thread.id);
            let thread_label = lang.format(Key::MentoringReplyTo, &[("author", &thread.author)]);
            let part = part.clone();
            view! {
                <li class="comment-thread" class:resolved=thread.resolved>
                    <Comment comment=thread.clone()/>
                    {(!thread.replies.is_empty()).then(|| view! {
                        <ul class="comment-replies">
                            {thread.replies.iter().cloned().map(|reply| view! { <li><Comment comment=reply/></li> }).collect_view()}
                        </ul>
                    })}
                    {can_resolve.then(|| view! {
                        <ActionForm action=resolve attr:class="inline-form">
                            <input type="hidden" name="team" value=team/>
                            <input type="hidden" name="comment" value=thread.id/>
                            <input type="hidden" name="resolved" value=(!thread.resolved).to_string()/>
                            <button type="submit" class="link-button">
                                {lang.text(if thread.resolved { Key::MentoringReopen } else { Key::MentoringResolve })}
                            </button>
                        </ActionForm>
                    })}
                    {(can_comment && !thread.resolved).then(|| view! {
                        <details class="comment-open">
                            <summary>{thread_label.clone()}</summary>
                            <ActionForm action=add attr:class="reply-form">
                                <input type="hidden" name="team" value=team/>
                                <input type="hidden" name="part" value=part/>
                                <input type="hidden" name="parent" value=thread.id/>
                                <label for=reply_id.clone()>{thread_label}</label>
                                <textarea id=reply_id name="body" rows=2></textarea>
                                <button type="submit" class="link-button">{lang.text(Key::MentoringSubmitReply)}</button>
                            </ActionForm>
                        </details>
                    })}
                </li>
            }
        })
        .collect_view();
    let section_id = format!("comments-{part}");
    let heading_id = format!("{section_id}-heading");
    let form_part = part.clone();
    let labelled_by = heading_id.clone();
    view! {
        <section class="comments" id=section_id aria-labelledby=labelled_by>
            <h3 id=heading_id>{heading}</h3>
            <ul class="comment-list">{threads_view}</ul>
            {can_comment.then(|| {
                let id = format!("field-{field}");
                // One button per section opens its form (a disclosure: no script needed);
                // it stays open when the last try at it failed.
                view! {
                    <details class="comment-open" open=invalid>
                        <summary>{lang.text(Key::MentoringOpenForm)}<span class="visually-hidden">": "{label.clone()}</span></summary>
                        <ActionForm action=add>
                            <input type="hidden" name="team" value=team/>
                            <input type="hidden" name="part" value=form_part/>
                            <div class="field" class:field-invalid=invalid>
                                <label for=id.clone()>{lang.text(Key::MentoringNew)}<span class="visually-hidden">": "{label.clone()}</span></label>
                                <FieldMessages messages=messages id=format!("{id}-error")/>
                                <textarea id=id.clone() name="body" rows=3 aria-invalid=invalid.then_some("true")>{typed}</textarea>
                            </div>
                            <button type="submit" class="button">{lang.text(Key::MentoringSubmit)}</button>
                        </ActionForm>
                    </details>
                }
            })}
        </section>
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
