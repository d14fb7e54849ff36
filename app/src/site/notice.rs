//! The one-line confirmations a page shows after a form was saved. The server function
//! redirects to the page with `?tersimpan=<code>` ([`Notice::at`]); the page shows the
//! banner of the notices it knows ([`NoticeBanner`]). The codes are part of the URLs
//! people see and bookmark: keep them as they are.
//!
//! A code names a notice only on its own pages (`terdaftar` is a registered team on
//! `/tim/{id}` and a listing on `/kompetisi/{slug}/cari-tim`), so each page reads the
//! code among its own list (`Notice::TEAMS`, …).
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::{t, Key};

/// The query parameter that carries the code.
pub const PARAM: &str = "tersimpan";

/// The parameter leptos puts a failed form's error in when it sends the browser back.
const ERROR_PARAM: &str = "__err";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    // `/tim/{id}` and `/tim`
    TeamRegistered,
    TeamInvited,
    TeamJoined,
    TeamMemberRemoved,
    TeamLeft,
    TeamCodeReplaced,
    TeamSupportAsked,
    TeamSupportAnswered,
    TeamChallengeChosen,
    // `/kompetisi/{slug}/cari-tim`
    FormingListed,
    FormingUnlisted,
    FormingTeamSaved,
    FormingAsked,
    FormingInvited,
    FormingAccepted,
    FormingDeclined,
    FormingSupportOffered,
    // `/kompetisi/{slug}/tantangan`
    ChallengeSaved,
    ChallengeRemoved,
    // `/kelola/{slug}`
    SetupCreated,
    SetupDetailsSaved,
    SetupTimelineSaved,
    SetupPublished,
    SetupStageChanged,
    SetupEligibilitySaved,
    SetupRubricSaved,
    SetupPrizesSaved,
    SetupTemplateSaved,
    // `/tim/{id}/proposal`
    ProposalSaved,
    ProposalSubmitted,
    ProposalWithdrawn,
    ProposalRestored,
    ProposalAttached,
    ProposalAttachmentRemoved,
    ProposalCommentSaved,
    ProposalCommentResolved,
    ProposalCommentReopened,
    // `/profil`
    ProfileSaved,
    ProfilePasswordChanged,
    ProfileOrganizationsSaved,
    ProfileVerificationResent,
    ProfileRemindersSaved,
    // `/admin/organisasi`
    OrganizationSaved,
    OrganizationDeleted,
    // `/kompetisi/{slug}/peran`
    RoleGranted,
    RoleRevoked,
    RoleInvited,
    RoleInvitationWithdrawn,
    // `/organisasi/{id}/anggota`
    MemberApproved,
    MemberRefused,
    MemberRemoved,
    MemberAdminChanged,
    MemberInvited,
    // `/kelola/{slug}/peserta/{team}`
    EligibilityDecided,
    // `/kelola/{slug}/penilaian…`, `/kelola/{slug}/konflik`, `/penilaian/{slug}`
    JudgingSelectionClosed,
    JudgingRunDone,
    JudgingAssigned,
    JudgingUnassigned,
    JudgingConflictSaved,
    JudgingExpertiseSaved,
    JudgingSettingsSaved,
    JudgingSheetReopened,
    JudgingSheetSaved,
    JudgingSheetSubmitted,
    JudgingJurorsReminded,
    ResultsShortlistFixed,
    ResultsWeightsSaved,
    ResultsFrozen,
    ResultsPublished,
    ResultsScheduleSaved,
}

impl Notice {
    /// `/tim/{id}` and `/tim`.
    pub const TEAMS: &'static [Notice] = &[
        Notice::TeamRegistered,
        Notice::TeamInvited,
        Notice::TeamJoined,
        Notice::TeamMemberRemoved,
        Notice::TeamLeft,
        Notice::TeamCodeReplaced,
        Notice::TeamSupportAsked,
        Notice::TeamSupportAnswered,
        Notice::TeamChallengeChosen,
    ];
    /// `/kompetisi/{slug}/cari-tim`.
    pub const TEAM_FORMING: &'static [Notice] = &[
        Notice::FormingListed,
        Notice::FormingUnlisted,
        Notice::FormingTeamSaved,
        Notice::FormingAsked,
        Notice::FormingInvited,
        Notice::FormingAccepted,
        Notice::FormingDeclined,
        Notice::FormingSupportOffered,
    ];
    /// `/kompetisi/{slug}/tantangan`.
    pub const CHALLENGES: &'static [Notice] = &[Notice::ChallengeSaved, Notice::ChallengeRemoved];
    /// `/kelola/{slug}`.
    pub const SETUP: &'static [Notice] = &[
        Notice::SetupCreated,
        Notice::SetupDetailsSaved,
        Notice::SetupTimelineSaved,
        Notice::SetupPublished,
        Notice::SetupStageChanged,
        Notice::SetupEligibilitySaved,
        Notice::SetupRubricSaved,
        Notice::SetupPrizesSaved,
        Notice::SetupTemplateSaved,
    ];
    /// `/tim/{id}/proposal`.
    pub const PROPOSAL: &'static [Notice] = &[
        Notice::ProposalSaved,
        Notice::ProposalSubmitted,
        Notice::ProposalWithdrawn,
        Notice::ProposalRestored,
        Notice::ProposalAttached,
        Notice::ProposalAttachmentRemoved,
        Notice::ProposalCommentSaved,
        Notice::ProposalCommentResolved,
        Notice::ProposalCommentReopened,
    ];
    /// `/profil`.
    pub const PROFILE: &'static [Notice] = &[
        Notice::ProfileSaved,
        Notice::ProfilePasswordChanged,
        Notice::ProfileOrganizationsSaved,
        Notice::ProfileVerificationResent,
        Notice::ProfileRemindersSaved,
    ];
    /// `/admin/organisasi`.
    pub const ORGANIZATIONS: &'static [Notice] =
        &[Notice::OrganizationSaved, Notice::OrganizationDeleted];
    /// `/kompetisi/{slug}/peran`.
    pub const ROLES: &'static [Notice] = &[
        Notice::RoleGranted,
        Notice::RoleRevoked,
        Notice::RoleInvited,
        Notice::RoleInvitationWithdrawn,
    ];
    /// `/organisasi/{id}/anggota`.
    pub const MEMBERS: &'static [Notice] = &[
        Notice::MemberApproved,
        Notice::MemberRefused,
        Notice::MemberRemoved,
        Notice::MemberAdminChanged,
        Notice::MemberInvited,
    ];
    /// `/kelola/{slug}/peserta/{team}`.
    pub const ELIGIBILITY: &'static [Notice] = &[Notice::EligibilityDecided];
    /// `/kelola/{slug}/penilaian` and its stages.
    pub const JUDGING: &'static [Notice] = &[
        Notice::JudgingSelectionClosed,
        Notice::JudgingRunDone,
        Notice::JudgingAssigned,
        Notice::JudgingUnassigned,
        Notice::JudgingSettingsSaved,
        Notice::JudgingSheetReopened,
        Notice::JudgingJurorsReminded,
    ];
    /// `/penilaian/{slug}/nilai/{assignment}`.
    pub const SCORING: &'static [Notice] =
        &[Notice::JudgingSheetSaved, Notice::JudgingSheetSubmitted];
    /// `/kelola/{slug}/penilaian/{stage}/daftar-pendek`.
    pub const SHORTLIST: &'static [Notice] = &[Notice::ResultsShortlistFixed];
    /// `/kelola/{slug}/hasil-akhir`.
    pub const FINAL: &'static [Notice] = &[
        Notice::ResultsWeightsSaved,
        Notice::ResultsFrozen,
        Notice::ResultsPublished,
    ];
    /// `/kelola/{slug}/penilaian/{stage}/jadwal`.
    pub const SCHEDULE: &'static [Notice] = &[Notice::ResultsScheduleSaved];
    /// `/kelola/{slug}/konflik` and `/penilaian/{slug}`.
    pub const JUDGING_CONFLICTS: &'static [Notice] =
        &[Notice::JudgingConflictSaved, Notice::JudgingExpertiseSaved];

    /// The code in the URL and the message the page shows.
    const fn spec(self) -> (&'static str, Key) {
        match self {
            Notice::TeamRegistered => ("terdaftar", Key::TeamsRegistered),
            Notice::TeamInvited => ("diundang", Key::TeamsInvited),
            Notice::TeamJoined => ("bergabung", Key::TeamsJoined),
            Notice::TeamMemberRemoved => ("dikeluarkan", Key::TeamsRemoved),
            Notice::TeamLeft => ("keluar", Key::TeamsLeft),
            Notice::TeamCodeReplaced => ("kode", Key::TeamsCodeReplaced),
            Notice::TeamSupportAsked => ("diminta", Key::TeamsSupportAsked),
            Notice::TeamSupportAnswered => ("dijawab", Key::TeamsSupportAnswered),
            Notice::TeamChallengeChosen => ("tantangan", Key::ChallengesChosenSaved),
            Notice::FormingListed => ("terdaftar", Key::FormingListed),
            Notice::FormingUnlisted => ("dihapus", Key::FormingUnlisted),
            Notice::FormingTeamSaved => ("tim", Key::FormingTeamSaved),
            Notice::FormingAsked => ("diminta", Key::FormingAsked),
            Notice::FormingInvited => ("diajak", Key::FormingInvited),
            Notice::FormingAccepted => ("diterima", Key::FormingAccepted),
            Notice::FormingDeclined => ("ditolak", Key::FormingDeclined),
            Notice::FormingSupportOffered => ("ditawarkan", Key::SupportOffered),
            Notice::ChallengeSaved => ("disimpan", Key::ChallengesSaved),
            Notice::ChallengeRemoved => ("dihapus", Key::ChallengesRemoved),
            Notice::SetupCreated => ("dibuat", Key::SetupCreated),
            Notice::SetupDetailsSaved => ("rincian", Key::SetupDetailsSaved),
            Notice::SetupTimelineSaved => ("jadwal", Key::SetupTimelineSaved),
            Notice::SetupPublished => ("terbit", Key::SetupPublished),
            Notice::SetupStageChanged => ("tahap", Key::SetupStageChanged),
            Notice::SetupEligibilitySaved => ("kelayakan", Key::SetupEligibilitySaved),
            Notice::SetupRubricSaved => ("rubrik", Key::SetupRubricSaved),
            Notice::SetupPrizesSaved => ("hadiah", Key::SetupPrizesSaved),
            Notice::SetupTemplateSaved => ("templat", Key::SetupTemplateSaved),
            Notice::ProposalSaved => ("draf", Key::ProposalsSaved),
            Notice::ProposalSubmitted => ("dikirim", Key::ProposalsSubmitted),
            Notice::ProposalWithdrawn => ("ditarik", Key::ProposalsWithdrawn),
            Notice::ProposalRestored => ("dipulihkan", Key::ProposalsRestored),
            Notice::ProposalAttached => ("lampiran", Key::ProposalsAttached),
            Notice::ProposalAttachmentRemoved => {
                ("lampiran-dihapus", Key::ProposalsAttachmentRemoved)
            }
            Notice::ProposalCommentSaved => ("komentar", Key::MentoringSaved),
            Notice::ProposalCommentResolved => ("selesai", Key::MentoringResolvedNotice),
            Notice::ProposalCommentReopened => ("dibuka", Key::MentoringReopenedNotice),
            Notice::ProfileSaved => ("profil", Key::AccountsProfileSaved),
            Notice::ProfilePasswordChanged => ("sandi", Key::AccountsPasswordChanged),
            Notice::ProfileOrganizationsSaved => ("organisasi", Key::OrganizationsMineSaved),
            Notice::ProfileVerificationResent => ("verifikasi", Key::AccountsVerificationResent),
            Notice::ProfileRemindersSaved => ("pengingat", Key::AccountsRemindersSaved),
            Notice::OrganizationSaved => ("1", Key::OrganizationsSaved),
            Notice::OrganizationDeleted => ("dihapus", Key::OrganizationsDeleted),
            Notice::RoleGranted => ("diberikan", Key::RolesGranted),
            Notice::RoleRevoked => ("dicabut", Key::RolesRevoked),
            Notice::RoleInvited => ("diundang", Key::InvitationsSent),
            Notice::RoleInvitationWithdrawn => ("ditarik", Key::InvitationsWithdrawn),
            Notice::MemberApproved => ("disetujui", Key::OrganizationsNoticeApproved),
            Notice::MemberRefused => ("ditolak", Key::OrganizationsNoticeRefused),
            Notice::MemberRemoved => ("dikeluarkan", Key::OrganizationsNoticeRemoved),
            Notice::MemberAdminChanged => ("admin", Key::OrganizationsNoticeAdmin),
            Notice::MemberInvited => ("diundang", Key::OrganizationsNoticeInvited),
            Notice::EligibilityDecided => ("1", Key::DashboardDecisionSaved),
            Notice::JudgingSelectionClosed => ("seleksi", Key::JudgingSelectionClosedNotice),
            Notice::JudgingRunDone => ("penugasan", Key::JudgingRunDoneNotice),
            Notice::JudgingAssigned => ("ditugaskan", Key::JudgingAssignedNotice),
            Notice::JudgingUnassigned => ("dilepas", Key::JudgingUnassignedNotice),
            Notice::JudgingConflictSaved => ("konflik", Key::JudgingConflictSavedNotice),
            Notice::JudgingExpertiseSaved => ("keahlian", Key::JudgingExpertiseSavedNotice),
            Notice::JudgingSettingsSaved => ("pengaturan", Key::JudgingSettingsSavedNotice),
            Notice::JudgingSheetReopened => ("dibuka", Key::JudgingSheetReopenedNotice),
            Notice::JudgingSheetSaved => ("draf", Key::JudgingSheetSavedNotice),
            Notice::JudgingSheetSubmitted => ("dikirim", Key::JudgingSheetSubmittedNotice),
            Notice::JudgingJurorsReminded => ("diingatkan", Key::JudgingJurorsRemindedNotice),
            Notice::ResultsShortlistFixed => ("daftar-pendek", Key::ResultsShortlistFixedNotice),
            Notice::ResultsWeightsSaved => ("bobot", Key::ResultsWeightsSavedNotice),
            Notice::ResultsFrozen => ("dibekukan", Key::ResultsFrozenNotice),
            Notice::ResultsPublished => ("diumumkan", Key::ResultsPublishedNotice),
            Notice::ResultsScheduleSaved => ("jadwal", Key::ResultsScheduleSavedNotice),
        }
    }

    /// The code stored in the URL.
    pub const fn code(self) -> &'static str {
        self.spec().0
    }

    /// The message the banner shows.
    pub const fn key(self) -> Key {
        self.spec().1
    }

    /// The notice `code` names among a page's notices.
    pub fn parse(code: &str, among: &[Notice]) -> Option<Notice> {
        among.iter().copied().find(|notice| notice.code() == code)
    }

    /// `path` with this notice in its query, before any `#fragment`:
    /// `Notice::TeamCodeReplaced.at("/tim/3#anggota")` is `/tim/3?tersimpan=kode#anggota`.
    pub fn at(self, path: &str) -> String {
        let (path, fragment) = match path.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (path, None),
        };
        let separator = if path.contains('?') { '&' } else { '?' };
        let mut url = format!("{path}{separator}{PARAM}={}", self.code());
        if let Some(fragment) = fragment {
            url.push('#');
            url.push_str(fragment);
        }
        url
    }
}

/// The confirmation named by the page's `?tersimpan=`, when it is one of `among`. One
/// notice at a time, the newest: a form that came back with an error (the `__err` leptos
/// adds to the page's own address, which may still carry an earlier confirmation) shows
/// its error alone.
#[component]
pub fn NoticeBanner(among: &'static [Notice]) -> impl IntoView {
    let query = use_query_map().read_untracked();
    let failed = query.get(ERROR_PARAM).is_some();
    let code = query.get(PARAM).filter(|_| !failed);
    code.and_then(|code| Notice::parse(&code, among))
        .map(|notice| view! { <p class="notice" role="status">{t(notice.key())}</p> })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGES: [&[Notice]; 16] = [
        Notice::TEAMS,
        Notice::TEAM_FORMING,
        Notice::CHALLENGES,
        Notice::SETUP,
        Notice::PROPOSAL,
        Notice::PROFILE,
        Notice::ORGANIZATIONS,
        Notice::ROLES,
        Notice::MEMBERS,
        Notice::ELIGIBILITY,
        Notice::JUDGING,
        Notice::SCORING,
        Notice::JUDGING_CONFLICTS,
        Notice::SHORTLIST,
        Notice::FINAL,
        Notice::SCHEDULE,
    ];

    #[test]
    fn every_notice_is_shown_on_exactly_one_page() {
        let listed: Vec<Notice> = PAGES.iter().flat_map(|page| page.iter().copied()).collect();
        // The last variant's index counts them all.
        assert_eq!(listed.len(), Notice::ResultsScheduleSaved as usize + 1);
        for notice in &listed {
            let pages = listed.iter().filter(|n| *n == notice).count();
            assert_eq!(pages, 1, "{notice:?}");
        }
    }

    #[test]
    fn each_code_names_one_notice_on_its_page() {
        for page in PAGES {
            for notice in page {
                assert_eq!(Notice::parse(notice.code(), page), Some(*notice));
            }
        }
        assert_eq!(
            Notice::parse("terdaftar", Notice::TEAMS),
            Some(Notice::TeamRegistered)
        );
        assert_eq!(
            Notice::parse("terdaftar", Notice::TEAM_FORMING),
            Some(Notice::FormingListed)
        );
        assert_eq!(Notice::parse("rincian", Notice::TEAMS), None);
        assert_eq!(Notice::parse("", Notice::ORGANIZATIONS), None);
    }

    #[test]
    fn the_code_goes_into_the_query_before_the_fragment() {
        assert_eq!(
            Notice::TeamCodeReplaced.at("/tim/3#anggota"),
            "/tim/3?tersimpan=kode#anggota"
        );
        assert_eq!(Notice::TeamLeft.at("/tim"), "/tim?tersimpan=keluar");
        assert_eq!(
            Notice::ProposalCommentSaved.at("/tim/3/proposal#comments-latar_belakang"),
            "/tim/3/proposal?tersimpan=komentar#comments-latar_belakang"
        );
        assert_eq!(
            Notice::OrganizationSaved.at("/admin/organisasi?q=a"),
            "/admin/organisasi?q=a&tersimpan=1"
        );
    }
}
