//! The permission table: every page and server function that exists, tried by every kind
//! of actor, allowed or refused as the table says. Each later feature adds its rows.
use app::authz::Role;
use app::entities::{competition_role, role_audit};
use sayembara_tests::{both_databases, Backend, Outcome, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Actor {
    Anonymous,
    User,
    Juror,
    Organizer,
    Admin,
}
use Actor::*;

const ALL: [Actor; 5] = [Anonymous, User, Juror, Organizer, Admin];
const SLUG: &str = "kipp-daerah-2027";

enum Request {
    Get(&'static str),
    /// A form post: (page it is sent from, server function, fields).
    Post(
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    ),
    /// A form post whose fields depend on who sends it (names that must be unique).
    PostAs(
        &'static str,
        &'static str,
        fn(Actor) -> Vec<(String, String)>,
    ),
}

/// A team named after the actor, in the demo competition (its first category and group).
fn team_for(who: Actor) -> Vec<(String, String)> {
    [
        ("slug", SLUG.to_string()),
        ("name", format!("Tim Uji {who:?}")),
        ("agency", "Pemerintah Kota Salatiga".to_string()),
        ("region", String::new()),
        ("category", "1".to_string()),
        ("group", "5".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The demo's seeded challenges: the organizer removes the first, the admin the second.
fn seeded_challenge_for(who: Actor) -> Vec<(String, String)> {
    let id = if who == Admin { "2" } else { "1" };
    vec![
        ("slug".to_string(), SLUG.to_string()),
        ("challenge".to_string(), id.to_string()),
    ]
}

/// (what, who may)
fn table() -> Vec<(Request, Vec<Actor>)> {
    vec![
        (Request::Get("/"), ALL.to_vec()),
        (Request::Get("/kompetisi"), ALL.to_vec()),
        (Request::Get("/kompetisi/kipp-daerah-2027"), ALL.to_vec()),
        (Request::Get("/daftar"), ALL.to_vec()),
        (Request::Get("/masuk"), ALL.to_vec()),
        (Request::Get("/profil"), vec![User, Juror, Organizer, Admin]),
        (Request::Get("/admin/surat"), vec![Admin]),
        (Request::Get("/admin/organisasi"), vec![Admin]),
        (Request::Get("/kelola"), vec![User, Juror, Organizer, Admin]),
        (
            Request::Get("/kelola/kipp-daerah-2027"),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/kelola",
                "/api/create_competition",
                &[
                    ("new_title_id", "Uji Izin"),
                    ("new_title_en", "Permission Test"),
                    ("new_slug", "uji-izin"),
                    ("new_kind", "innovation"),
                ],
            ),
            vec![Admin],
        ),
        (
            Request::Post(
                "/kelola/kipp-daerah-2027",
                "/api/save_competition_timeline",
                &[
                    ("slug", SLUG),
                    ("timeline[registration_starts]", "2030-01-01T08:00"),
                    ("timeline[registration_ends]", "2030-02-01T08:00"),
                    ("timeline[submission_starts]", "2030-02-02T08:00"),
                    ("timeline[submission_ends]", "2030-03-01T08:00"),
                    (
                        "timeline[administrative_selection_starts]",
                        "2030-03-02T08:00",
                    ),
                    (
                        "timeline[administrative_selection_ends]",
                        "2030-03-10T08:00",
                    ),
                    ("timeline[desk_evaluation_starts]", "2030-03-11T08:00"),
                    ("timeline[desk_evaluation_ends]", "2030-04-01T08:00"),
                    ("timeline[results_starts]", "2030-05-01T08:00"),
                    ("timeline[results_ends]", "2030-05-02T08:00"),
                ],
            ),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/kelola/kipp-daerah-2027",
                "/api/change_stage",
                // The timeline row above has just dated registration in 2030.
                &[
                    ("slug", SLUG),
                    ("stage", "registration"),
                    ("action", "start"),
                ],
            ),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/kelola/kipp-daerah-2027",
                "/api/save_competition_eligibility",
                &[
                    ("slug", SLUG),
                    ("eligible[regency]", "on"),
                    ("min_months_running", "12"),
                    ("max_earlier_wins", ""),
                ],
            ),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/kelola/kipp-daerah-2027",
                "/api/publish_competition",
                &[("slug", SLUG)],
            ),
            vec![Organizer, Admin],
        ),
        (Request::Get("/admin/organisasi/1"), vec![Admin]),
        (
            Request::Post(
                "/admin/organisasi",
                "/api/create_organization",
                &[
                    ("name", "Organisasi Uji Izin"),
                    ("kind", "company"),
                    ("region", ""),
                ],
            ),
            vec![Admin],
        ),
        (
            Request::Post(
                "/admin/organisasi/1",
                "/api/update_organization",
                &[
                    ("id", "1"),
                    (
                        "name",
                        "Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga",
                    ),
                    ("kind", "agency_unit"),
                    ("region", "Kota Salatiga, Jawa Tengah"),
                ],
            ),
            vec![Admin],
        ),
        (
            Request::Post(
                "/profil",
                "/api/join_organization",
                &[("organization", "1")],
            ),
            vec![User, Juror, Organizer, Admin],
        ),
        (
            Request::Post(
                "/profil",
                "/api/leave_organization",
                &[("organization", "1")],
            ),
            vec![User, Juror, Organizer, Admin],
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/peran",
                "/api/invite",
                &[
                    ("slug", SLUG),
                    ("invite_email", "undangan@uksw.ac.id"),
                    ("invite_role", "juror"),
                ],
            ),
            vec![Organizer, Admin],
        ),
        (
            Request::Get("/kompetisi/kipp-daerah-2027/peran"),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/profil",
                "/api/update_profile",
                &[("name", "Nama Baru"), ("phone", ""), ("nip", "")],
            ),
            vec![User, Juror, Organizer, Admin],
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/peran",
                "/api/grant_role",
                &[
                    ("slug", SLUG),
                    ("email", "sasaran@salatiga.go.id"),
                    ("role", "mentor"),
                ],
            ),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/peran",
                "/api/grant_role",
                &[
                    ("slug", SLUG),
                    ("email", "sasaran@salatiga.go.id"),
                    ("role", "organizer"),
                ],
            ),
            vec![Admin],
        ),
        (
            Request::Post(
                "/kelola/kipp-daerah-2027",
                "/api/save_competition_rubric",
                &[
                    ("slug", SLUG),
                    (
                        "rubric[rubric_desk_evaluation]",
                        "Kebaruan | Novelty | 100 | 1-10",
                    ),
                ],
            ),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/kelola/kipp-daerah-2027",
                "/api/save_competition_prizes",
                &[
                    ("slug", SLUG),
                    ("prizes", "Juara 1 | First place | Rp 10.000.000"),
                    ("partners", ""),
                ],
            ),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/kelola/kipp-daerah-2027",
                "/api/save_proposal_template",
                &[("slug", SLUG), ("template", "Masalah | Problem | 300")],
            ),
            vec![Organizer, Admin],
        ),
        // Teams. The demo's teams have no lead: nobody may act for them, though the
        // competition's organizers (and admins) may look at them.
        // Challenges: everyone reads them; organizers (and the competition's mentors and
        // partners, for their own organizations) post; the demo seeds two.
        (
            Request::Get("/kompetisi/kipp-daerah-2027/tantangan"),
            ALL.to_vec(),
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/tantangan",
                "/api/save_challenge",
                &[
                    ("slug", SLUG),
                    ("organization", "Pemerintah Kota Salatiga"),
                    ("title", "Tantangan uji izin"),
                    ("problem", "Antrean layanan terlalu panjang."),
                    ("contact", "uji@salatiga.go.id"),
                ],
            ),
            vec![Organizer, Admin],
        ),
        (
            Request::PostAs(
                "/kompetisi/kipp-daerah-2027/tantangan",
                "/api/remove_challenge",
                seeded_challenge_for,
            ),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/tim/1",
                "/api/choose_team_challenge",
                &[("team", "1"), ("challenge", "")],
            ),
            vec![],
        ),
        // Team forming: signed-in people without a team list themselves (these rows run
        // before each actor registers a team below); nobody acts for the demo's
        // lead-less teams or answers requests that are not theirs.
        (
            Request::Get("/kompetisi/kipp-daerah-2027/cari-tim"),
            vec![User, Juror, Organizer, Admin],
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/cari-tim",
                "/api/save_seeker_listing",
                &[("slug", SLUG), ("skills", "analisis data")],
            ),
            vec![User, Juror, Organizer, Admin],
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/cari-tim",
                "/api/remove_seeker_listing",
                &[("slug", SLUG)],
            ),
            vec![User, Juror, Organizer, Admin],
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/cari-tim",
                "/api/save_team_wanted",
                &[("slug", SLUG), ("team", "1"), ("wanted_skills", "desain")],
            ),
            vec![],
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/cari-tim",
                "/api/ask_to_join",
                &[("slug", SLUG), ("team", "1")],
            ),
            vec![],
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/cari-tim",
                "/api/invite_seeker",
                &[("slug", SLUG), ("team", "1"), ("person", "1")],
            ),
            vec![],
        ),
        (
            Request::Post(
                "/kompetisi/kipp-daerah-2027/cari-tim",
                "/api/answer_join_request",
                &[("request", "1"), ("answer", "accept")],
            ),
            vec![],
        ),
        (Request::Get("/tim"), vec![User, Juror, Organizer, Admin]),
        (
            Request::Get("/kompetisi/kipp-daerah-2027/daftar-tim"),
            vec![User, Juror, Organizer, Admin],
        ),
        (Request::Get("/gabung"), ALL.to_vec()),
        (Request::Get("/tim/1"), vec![Organizer, Admin]),
        (
            Request::PostAs(
                "/kompetisi/kipp-daerah-2027/daftar-tim",
                "/api/register_team",
                team_for,
            ),
            vec![User, Juror, Organizer, Admin],
        ),
        (
            Request::Post(
                "/tim/1",
                "/api/invite_team_member",
                &[("team", "1"), ("invite_email", "rekan@salatiga.go.id")],
            ),
            vec![],
        ),
        (
            Request::Post("/tim/1", "/api/new_team_code", &[("team", "1")]),
            vec![],
        ),
        (
            Request::Post(
                "/tim/1",
                "/api/remove_team_member",
                &[("team", "1"), ("member", "1")],
            ),
            vec![],
        ),
        (
            Request::Post(
                "/tim/1",
                "/api/ask_team_supporter",
                &[("team", "1"), ("supporter", "1")],
            ),
            vec![],
        ),
        (
            Request::Post(
                "/tim",
                "/api/answer_team_supporter",
                &[("request", "1"), ("answer", "accept")],
            ),
            vec![],
        ),
        (
            Request::Post("/gabung", "/api/join_team", &[("code", "ZZZZZZZZ")]),
            vec![],
        ),
        // Proposals: the demo teams' proposals are read by organizers (and admins) only;
        // no one outside a team writes, submits, withdraws or restores.
        (Request::Get("/tim/1/proposal"), vec![Organizer, Admin]),
        (
            Request::Get("/kelola/kipp-daerah-2027/peserta"),
            vec![Organizer, Admin],
        ),
        (
            Request::Get("/kelola/kipp-daerah-2027/peserta/1"),
            vec![Organizer, Admin],
        ),
        // The demo's teams have not submitted: nobody decides on a proposal that does
        // not exist (the refusal of non-organizers is in tests/tests/dashboard.rs).
        (
            Request::Post(
                "/kelola/kipp-daerah-2027/peserta/1",
                "/api/decide_eligibility",
                &[("slug", SLUG), ("team", "1"), ("decision", "eligible")],
            ),
            vec![],
        ),
        (
            Request::Get("/tim/1/proposal/riwayat?bagian=title"),
            vec![Organizer, Admin],
        ),
        (
            Request::Post(
                "/tim/1/proposal",
                "/api/save_proposal",
                &[
                    ("team", "1"),
                    ("text[title]", "Judul"),
                    ("base[title]", "0"),
                ],
            ),
            vec![],
        ),
        (
            Request::Post(
                "/tim/1/proposal",
                "/api/autosave_part",
                &[
                    ("team", "1"),
                    ("part", "title"),
                    ("base", "0"),
                    ("body", "Judul"),
                ],
            ),
            vec![],
        ),
        (
            Request::Post(
                "/tim/1/proposal",
                "/api/restore_revision",
                &[("team", "1"), ("revision", "1"), ("base", "1")],
            ),
            vec![],
        ),
        (
            Request::Post("/tim/1/proposal", "/api/submit_proposal", &[("team", "1")]),
            vec![],
        ),
        (
            Request::Post(
                "/tim/1/proposal",
                "/api/withdraw_proposal",
                &[("team", "1")],
            ),
            vec![],
        ),
    ]
}

async fn actor(app: &TestApp, who: Actor) -> TestApp {
    let browser = app.new_browser();
    if who == Anonymous {
        return browser;
    }
    let email = format!("{who:?}@pemkot.go.id").to_lowercase();
    browser.signed_in(&format!("{who:?}"), &email).await;
    match who {
        Juror => app.give_role(&email, SLUG, Role::Juror).await,
        Organizer => app.give_role(&email, SLUG, Role::Organizer).await,
        Admin => app.make_admin(&email).await,
        _ => {}
    }
    browser
}

async fn every_request_is_allowed_or_refused_as_the_table_says(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    app.sign_up("Sasaran", "sasaran@salatiga.go.id", "kopi tubruk pagi hari")
        .await;
    let mut failures = Vec::new();
    for who in ALL {
        let browser = actor(&app, who).await;
        for (request, allowed) in table() {
            let expected = allowed.contains(&who);
            let (what, got) = match request {
                Request::Get(path) => {
                    let (status, _) = browser.page(path).await;
                    let refused = match who {
                        Anonymous => status == 401,
                        _ => status == 403,
                    };
                    assert!(
                        status == 200 || refused,
                        "{who:?} GET {path}: unexpected status {status}"
                    );
                    let got = if status == 200 {
                        Got::Allowed
                    } else {
                        Got::Refused(format!("status {status}"))
                    };
                    (format!("GET {path}"), got)
                }
                Request::Post(page, action, fields) => {
                    let response = browser.submit(page, action, fields).await;
                    (
                        format!("POST {action} {fields:?}"),
                        Got::from(browser.outcome(&response)),
                    )
                }
                Request::PostAs(page, action, fields) => {
                    let fields = fields(who);
                    let fields: Vec<(&str, &str)> = fields
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    let response = browser.submit(page, action, &fields).await;
                    (
                        format!("POST {action} {fields:?}"),
                        Got::from(browser.outcome(&response)),
                    )
                }
            };
            match (&got, expected) {
                (Got::Allowed, true) | (Got::Refused(_), false) => {}
                _ => failures.push(format!(
                    "{who:?} {what}: expected {}, got {got:?}",
                    allowed_word(expected),
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "permission table mismatches:\n{}",
        failures.join("\n")
    );
}
both_databases!(
    permission_table,
    every_request_is_allowed_or_refused_as_the_table_says
);

/// What a request came to: allowed, refused by a rule (which one), or an error — an
/// error is a failure whatever the table expects.
#[derive(Debug)]
#[allow(dead_code)] // the reasons are read through Debug, in the failure message
enum Got {
    Allowed,
    Refused(String),
    Error(String),
}

impl From<Outcome> for Got {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Done(_) => Got::Allowed,
            Outcome::Refused(error) => Got::Refused(format!("{error:?}")),
            Outcome::Failed(what) => Got::Error(what),
        }
    }
}

fn allowed_word(allowed: bool) -> &'static str {
    if allowed {
        "allowed"
    } else {
        "refused"
    }
}

async fn granting_and_revoking_roles_is_on_the_record(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = actor(&app, Organizer).await;
    app.new_browser()
        .signed_in("Dosen Pendamping", "dosen@uksw.ac.id")
        .await;

    let grant = [
        ("slug", SLUG),
        ("email", "dosen@uksw.ac.id"),
        ("role", "mentor"),
    ];
    let response = organizer
        .submit(
            "/kompetisi/kipp-daerah-2027/peran",
            "/api/grant_role",
            &grant,
        )
        .await;
    assert_eq!(
        organizer.location(&response),
        "/kompetisi/kipp-daerah-2027/peran"
    );
    let (status, page) = organizer.page("/kompetisi/kipp-daerah-2027/peran").await;
    assert_eq!(status, 200);
    assert!(page.contains("dosen@uksw.ac.id") && page.contains("Pendamping"));

    // An address without an account, and one whose account never proved it, get an
    // invitation instead: the role follows only the mailed link.
    app.sign_up(
        "Belum Terverifikasi",
        "belum@contoh.go.id",
        "kopi tubruk pagi hari",
    )
    .await;
    for address in ["siapa@contoh.go.id", "belum@contoh.go.id"] {
        let fields = [("slug", SLUG), ("email", address), ("role", "juror")];
        let location = organizer
            .done(
                "/kompetisi/kipp-daerah-2027/peran",
                "/api/grant_role",
                &fields,
            )
            .await;
        assert_eq!(location, "/kompetisi/kipp-daerah-2027/peran?diundang=1");
        let mail = app.last_mail_to(address).await;
        assert!(mail.body.contains("/undangan?token="), "{}", mail.body);
    }
    let jurors = competition_role::Entity::find()
        .filter(competition_role::Column::Role.eq(Role::Juror))
        .all(&app.db)
        .await
        .unwrap();
    let unverified = sayembara_tests::demo::user_id(&app, "belum@contoh.go.id").await;
    assert!(
        jurors.iter().all(|r| r.user_id != unverified),
        "no role on an unproven address"
    );

    let mentor = competition_role::Entity::find()
        .filter(competition_role::Column::Role.eq(Role::Mentor))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the mentor role is stored");
    let id = mentor.id.to_string();
    let revoke = [("slug", SLUG), ("assignment", id.as_str())];
    organizer
        .submit(
            "/kompetisi/kipp-daerah-2027/peran",
            "/api/revoke_role",
            &revoke,
        )
        .await;
    let left = competition_role::Entity::find()
        .filter(competition_role::Column::Role.eq(Role::Mentor))
        .count(&app.db)
        .await;
    assert_eq!(left.unwrap(), 0);

    // The mentor's rows (the organizer's own role, given by the test set-up, is on the
    // record too).
    let audit = role_audit::Entity::find()
        .filter(role_audit::Column::Role.eq(Role::Mentor))
        .all(&app.db)
        .await
        .unwrap();
    let actions: Vec<_> = audit.iter().map(|a| (a.action.as_str(), a.role)).collect();
    assert_eq!(
        actions,
        vec![("grant", Role::Mentor), ("revoke", Role::Mentor)]
    );
    assert!(audit.iter().all(|a| a.by_user_id.is_some()));
}
both_databases!(role_grants, granting_and_revoking_roles_is_on_the_record);
