//! Mentoring: a team's accepted mentors and partners read its proposal and comment on
//! each part; comments form threads the team answers and marks resolved; everyone
//! concerned is told through the outbox. The accepted `team_supporter` rows are the
//! record judging uses to keep mentors away from their teams.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;

/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 4000;

/// A comment as shown beside its part; `replies` hold the rest of the thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    pub part: String,
    pub author: String,
    /// Written by one of the team's mentors or partners (not a member).
    pub by_supporter: bool,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub resolved: bool,
    pub replies: Vec<CommentView>,
}

/// A supported team's proposal that changed since the reader's last comment on it (or
/// that they never commented on): what a mentor or partner has to read next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalToComment {
    pub team_id: i32,
    pub team_name: String,
    pub competition_title: String,
    pub role: crate::authz::Role,
    /// The newest save of any of its parts.
    pub changed_at: DateTime<Utc>,
    /// The reader's newest comment on it, if any.
    pub commented_at: Option<DateTime<Utc>>,
    /// Threads on it nobody marked resolved.
    pub open_threads: usize,
}
