//! Judging, first part: administrative selection closed as a stage, conflicts of interest
//! worked out and decided, jurors assigned (automatically and by hand), a juror's own
//! desk, and the chained judging record. Black-box on both databases, on the demo
//! competition.
use app::authz::Role;
use app::competitions::Stage;
use app::entities::{
    affiliation, assignment, competition_stage, judging_audit, proposal, stage_entry,
    team_supporter,
};
use sayembara_tests::demo::{self, organization_id, team_named, user_id, SLUG};
use sayembara_tests::{both_databases, Backend, Outcome, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

const DINAS_SALATIGA: &str = "Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga";
const DINKES_PONTIANAK: &str = "Dinas Kesehatan Kota Pontianak";

/// Records `email` as an approved member of the organization, as its admin would.
async fn belongs(app: &TestApp, email: &str, organization: &str) {
    affiliation::ActiveModel {
        user_id: Set(user_id(app, email).await),
        organization_id: Set(organization_id(app, organization).await),
        created_at: Set(chrono::Utc::now()),
        status: Set(app::organizations::AffiliationStatus::Approved),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// Moves the end of submission to `hours` from now (negative: it has ended).
async fn submission_ends_in(app: &TestApp, hours: i64) {
    let competition = demo::competition(app).await;
    competition_stage::Entity::update_many()
        .col_expr(
            competition_stage::Column::EndsAt,
            Expr::value(chrono::Utc::now() + chrono::Duration::hours(hours)),
        )
        .filter(competition_stage::Column::CompetitionId.eq(competition.id))
        .filter(competition_stage::Column::Stage.eq(Stage::Submission))
        .exec(&app.db)
        .await
        .unwrap();
}

async fn proposal_of(app: &TestApp, team: i32) -> i32 {
    proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Two teams with submitted proposals: Salatiga's civil registry (lead `lolos@…`) and
/// Pontianak's health office (lead `gugur@…`), and an organizer.
struct Selection {
    app: TestApp,
    organizer: TestApp,
    salatiga: i32,
    pontianak: i32,
    /// The Pontianak team's lead.
    pontianak_lead: TestApp,
}

async fn two_submitted_teams(backend: Backend) -> Selection {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app
        .person_with_role(
            "Panitia Penilaian",
            "panitia@uji.go.id",
            SLUG,
            Role::Organizer,
        )
        .await;
    let mut ids = Vec::new();
    let mut leads = Vec::new();
    for (name, email, agency) in [
        ("Tim Dukcapil Cepat", "lolos@uji.go.id", DINAS_SALATIGA),
        (
            "Tim Puskesmas Keliling",
            "gugur@uji.go.id",
            DINKES_PONTIANAK,
        ),
    ] {
        let lead = app.person("Ketua", email).await;
        lead.register_team(name, agency, "").await;
        let team = team_named(&app, name).await;
        demo::submitted_proposal(&app, &team, "2024-01-01").await;
        ids.push(team.id);
        leads.push(lead);
    }
    Selection {
        app,
        organizer,
        salatiga: ids[0],
        pontianak: ids[1],
        pontianak_lead: leads.pop().unwrap(),
    }
}

/// Both teams passed, selection is closed: both are in desk evaluation.
async fn both_in_desk_evaluation(backend: Backend) -> Selection {
    let world = two_submitted_teams(backend).await;
    submission_ends_in(&world.app, -1).await;
    for team in [world.salatiga, world.pontianak] {
        world.organizer.expect_done(
            &world
                .organizer
                .decide_eligibility(team, "eligible", "")
                .await,
        );
    }
    let (_, page) = world.organizer.close_selection().await;
    sayembara_tests::assert_no_error(&page);
    world
}

async fn closing_selection_sends_on_those_that_passed_and_tells_every_team(backend: Backend) {
    let Selection {
        app,
        organizer,
        salatiga,
        pontianak,
        ..
    } = two_submitted_teams(backend).await;

    // Not while submission runs.
    submission_ends_in(&app, 24).await;
    let (_, page) = organizer.close_selection().await;
    assert!(
        page.contains("Tahap pengiriman proposal masih berlangsung"),
        "{page}"
    );

    // Not while a proposal waits for a decision.
    submission_ends_in(&app, -1).await;
    organizer.expect_done(&organizer.decide_eligibility(salatiga, "eligible", "").await);
    let (_, page) = organizer.close_selection().await;
    assert!(page.contains("belum diputuskan kelayakannya"), "{page}");
    let (_, page) = organizer.page(&format!("/kelola/{SLUG}/penilaian")).await;
    assert!(page.contains("Belum diputuskan"));

    organizer.expect_done(
        &organizer
            .decide_eligibility(pontianak, "ineligible", "Inovasi belum berjalan 12 bulan.")
            .await,
    );
    let (location, page) = organizer.close_selection().await;
    assert!(location.ends_with("?tersimpan=seleksi"), "{location}");
    assert!(
        page.contains("Seleksi administrasi ditutup oleh Panitia Penilaian"),
        "{page}"
    );

    // Only the proposal that passed is in desk evaluation.
    let entries = stage_entry::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].proposal_id, proposal_of(&app, salatiga).await);
    assert_eq!(entries[0].stage, Stage::DeskEvaluation);

    // Each team is told; the one that did not pass reads the reason.
    let passed = app.last_mail_to("lolos@uji.go.id").await;
    assert!(
        passed.subject.contains("Hasil seleksi administrasi"),
        "{}",
        passed.subject
    );
    assert!(
        passed
            .body
            .contains("lolos dan masuk ke tahap Evaluasi proposal"),
        "{}",
        passed.body
    );
    let failed = app.last_mail_to("gugur@uji.go.id").await;
    assert!(failed.body.contains("tidak lolos"), "{}", failed.body);
    assert!(failed.body.contains("Inovasi belum berjalan 12 bulan."));

    // Closed once; decisions are final after it.
    let (_, page) = organizer.close_selection().await;
    assert!(
        page.contains("Seleksi administrasi sudah ditutup"),
        "{page}"
    );
    assert_eq!(
        stage_entry::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        1
    );
    let response = organizer
        .decide_eligibility(pontianak, "eligible", "")
        .await;
    let (_, page) = organizer.follow(&response).await;
    assert!(
        page.contains("Seleksi administrasi sudah ditutup"),
        "{page}"
    );

    // On the record, and the record verifies.
    let (_, page) = organizer.page(&format!("/kelola/{SLUG}/penilaian")).await;
    assert!(page.contains("Catatan utuh: 1 entri"), "{page}");
    assert!(
        page.contains("Seleksi administrasi ditutup") && page.contains("administrative_selection")
    );

    // Not for a juror, nor for a stranger.
    let juror = app
        .person_with_role("Juri", "juri@uji.go.id", SLUG, Role::Juror)
        .await;
    let (status, _) = juror.page(&format!("/kelola/{SLUG}/penilaian")).await;
    assert_eq!(status, 403);
    let response = juror
        .submit(
            &format!("/kelola/{SLUG}/penilaian"),
            "/api/close_selection",
            &[("slug", SLUG)],
        )
        .await;
    assert_eq!(
        sayembara_tests::refusal(&juror.location(&response)),
        app::error::AppError::Forbidden
    );
}
both_databases!(
    closing_selection,
    closing_selection_sends_on_those_that_passed_and_tells_every_team
);

async fn conflicts_are_worked_out_from_verified_facts_and_decided_on_the_record(backend: Backend) {
    let world = both_in_desk_evaluation(backend).await;
    let app = &world.app;
    let organizer = &world.organizer;
    let salatiga = proposal_of(app, world.salatiga).await;
    let pontianak = proposal_of(app, world.pontianak).await;

    // A juror of Salatiga's city government (same city as the civil registry); a juror of
    // Universitas Tanjungpura, whose lecturer mentors the Pontianak team; a juror without
    // ties; a juror whose affiliation is only requested (proves nothing).
    app.person_with_role("Juri Kota", "kota@uji.go.id", SLUG, Role::Juror)
        .await;
    belongs(app, "kota@uji.go.id", "Pemerintah Kota Salatiga").await;
    app.person_with_role("Juri Kampus", "kampus@uji.go.id", SLUG, Role::Juror)
        .await;
    belongs(app, "kampus@uji.go.id", "Universitas Tanjungpura").await;
    let free = app
        .person_with_role("Juri Bebas", "bebas@uji.go.id", SLUG, Role::Juror)
        .await;
    let unproven = app
        .person_with_role("Juri Belum", "belum@uji.go.id", SLUG, Role::Juror)
        .await;
    unproven
        .join_organization(organization_id(app, "Pemerintah Kota Salatiga").await)
        .await;
    let mentor = app
        .person_with_role("Dosen Pendamping", "dosen@uji.go.id", SLUG, Role::Mentor)
        .await;
    belongs(app, "dosen@uji.go.id", "Universitas Tanjungpura").await;
    let lead = &world.pontianak_lead;
    lead.expect_done(
        &lead
            .ask_team_supporter(world.pontianak, user_id(app, "dosen@uji.go.id").await)
            .await,
    );
    let request = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(world.pontianak))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    mentor.expect_done(&mentor.answer_team_supporter(request.id, "accept").await);

    let (status, page) = organizer.page(&format!("/kelola/{SLUG}/konflik")).await;
    assert_eq!(status, 200);
    // The table's row of a juror (empty when the juror has none).
    let row = |page: &str, juror: &str| -> String {
        let table = page
            .split_once("<tbody>")
            .and_then(|(_, rest)| rest.split_once("</tbody>"))
            .map(|(table, _)| table)
            .unwrap_or_default();
        table
            .split("<tr>")
            .find(|r| r.contains(juror))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        row(&page, "Juri Kota").contains("kabupaten/kota yang sama"),
        "{page}"
    );
    assert!(row(&page, "Juri Kampus").contains("organisasi yang sama dengan mentor atau mitra tim"));
    assert!(row(&page, "Juri Bebas").is_empty());
    assert!(
        row(&page, "Juri Belum").is_empty(),
        "a requested affiliation proves nothing"
    );

    // The free juror declares one, with a reason; a declaration without one is refused at
    // its field.
    let response = free.declare_conflict(salatiga, "  ").await;
    let (_, desk) = free.follow(&response).await;
    assert!(desk.contains("Tulis alasannya."), "{desk}");
    let response = free
        .declare_conflict(salatiga, "Saya pernah bekerja di dinas ini.")
        .await;
    free.expect_done(&response);
    let (_, desk) = free.page(&format!("/penilaian/{SLUG}")).await;
    assert!(desk.contains("dinyatakan juri"), "{desk}");

    // The organizer lifts the city juror's conflict (with a reason) and adds one.
    let city_id = user_id(app, "kota@uji.go.id").await;
    let free_id = user_id(app, "bebas@uji.go.id").await;
    let (_, page) = organizer
        .decide_conflict(city_id, salatiga, "lifted", "")
        .await;
    assert!(page.contains("Tulis alasannya."), "{page}");
    let (_, page) = organizer
        .decide_conflict(
            city_id,
            salatiga,
            "lifted",
            "Juri bertugas di bagian hukum, tidak terkait dinas ini.",
        )
        .await;
    assert!(
        row(&page, "Juri Kota").contains("Tidak berkonflik (dicabut)"),
        "{page}"
    );
    let (_, page) = organizer
        .decide_conflict(free_id, pontianak, "added", "Kerabat anggota tim.")
        .await;
    assert!(page.contains("Kerabat anggota tim."), "{page}");
    // Not someone who is not a juror here.
    let (_, page) = organizer
        .decide_conflict(
            user_id(app, "dosen@uji.go.id").await,
            pontianak,
            "added",
            "x",
        )
        .await;
    assert!(
        page.contains("Pilih salah satu juri kompetisi ini."),
        "{page}"
    );

    // Every decision is on the record, and the record still verifies.
    let rows = judging_audit::Entity::find()
        .order_by_asc(judging_audit::Column::Seq)
        .all(&app.db)
        .await
        .unwrap();
    let kinds: Vec<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "selection_closed",
            "conflict_declared",
            "conflict_lifted",
            "conflict_added"
        ]
    );
    assert_eq!(rows[2].before, "same_regency");
    let (_, page) = organizer.page(&format!("/kelola/{SLUG}/penilaian")).await;
    assert!(page.contains("Catatan utuh: 4 entri"), "{page}");
}
both_databases!(
    conflicts,
    conflicts_are_worked_out_from_verified_facts_and_decided_on_the_record
);

async fn jurors_are_assigned_without_conflicts_and_each_sees_only_their_own(backend: Backend) {
    let world = both_in_desk_evaluation(backend).await;
    let app = &world.app;
    let organizer = &world.organizer;
    let salatiga = proposal_of(app, world.salatiga).await;
    let pontianak = proposal_of(app, world.pontianak).await;
    let city = app
        .person_with_role("Juri Kota", "kota@uji.go.id", SLUG, Role::Juror)
        .await;
    belongs(app, "kota@uji.go.id", "Pemerintah Kota Salatiga").await;
    let health = app
        .person_with_role("Juri Kesehatan", "sehat@uji.go.id", SLUG, Role::Juror)
        .await;
    belongs(app, "sehat@uji.go.id", DINKES_PONTIANAK).await;
    app.person_with_role("Juri Bebas", "bebas@uji.go.id", SLUG, Role::Juror)
        .await;
    let city_id = user_id(app, "kota@uji.go.id").await;
    let health_id = user_id(app, "sehat@uji.go.id").await;
    let free_id = user_id(app, "bebas@uji.go.id").await;

    // Junk is answered at its field.
    let (_, page) = organizer.run_assignment("0", "abc", "-1").await;
    assert!(page.contains("Masukkan bilangan bulat"), "{page}");

    let (_, page) = organizer.run_assignment("2", "2", "7").await;
    assert!(
        page.contains("2 penugasan baru") || page.contains("4 penugasan baru"),
        "{page}"
    );
    let pairs = |rows: Vec<assignment::Model>| -> Vec<(i32, i32)> {
        let mut v: Vec<(i32, i32)> = rows
            .into_iter()
            .filter(|a| a.active)
            .map(|a| (a.proposal_id, a.juror_id))
            .collect();
        v.sort();
        v
    };
    let assigned = pairs(assignment::Entity::find().all(&app.db).await.unwrap());
    let mut expected = vec![
        (salatiga, health_id),
        (salatiga, free_id),
        (pontianak, city_id),
        (pontianak, free_id),
    ];
    expected.sort();
    assert_eq!(
        assigned, expected,
        "two jurors each, never a conflicted pair"
    );

    // The same run again adds nothing.
    let (_, page) = organizer.run_assignment("2", "2", "7").await;
    assert!(page.contains("0 penugasan baru"), "{page}");

    // By hand: a conflicted pair is refused with its reason.
    let response = organizer
        .change_assignment("add_assignment", salatiga, city_id)
        .await;
    let (_, page) = organizer.follow(&response).await;
    assert!(
        page.contains("Juri ini berkonflik dengan proposal itu"),
        "{page}"
    );
    assert!(page.contains("kabupaten/kota yang sama"));

    // Each juror sees their own assignments, nobody else's; and no team page.
    let (_, desk) = health.page(&format!("/penilaian/{SLUG}")).await;
    assert!(desk.contains("Tim Dukcapil Cepat"), "{desk}");
    assert!(!desk.contains("Tim Puskesmas Keliling</th>"));
    let (status, _) = health
        .page(&format!("/kelola/{SLUG}/penilaian/desk_evaluation"))
        .await;
    assert_eq!(status, 403);
    let (status, _) = city.page(&format!("/tim/{}", world.salatiga)).await;
    assert_eq!(status, 403);
    let (_, mine) = city.page("/penilaian").await;
    assert!(
        mine.contains("1 proposal ditugaskan kepada Anda."),
        "{mine}"
    );

    // Removing keeps the row; a new run does not put the pair back, and says who is short.
    organizer.expect_done(
        &organizer
            .change_assignment("remove_assignment", salatiga, free_id)
            .await,
    );
    let (_, page) = organizer.run_assignment("2", "2", "8").await;
    assert!(page.contains("Proposal yang kurang juri"), "{page}");
    assert!(
        page.contains("Tim Dukcapil Cepat: 1 juri; 2 juri tanpa konflik"),
        "{page}"
    );
    let removed = assignment::Entity::find()
        .filter(assignment::Column::ProposalId.eq(salatiga))
        .filter(assignment::Column::JurorId.eq(free_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!removed.active);
    // Removing what is not assigned is not found.
    let response = organizer
        .change_assignment("remove_assignment", salatiga, free_id)
        .await;
    assert_eq!(
        sayembara_tests::refusal(&organizer.location(&response)),
        app::error::AppError::NotFound
    );

    // Changing a row of the record afterwards is found.
    let (_, page) = organizer.page(&format!("/kelola/{SLUG}/penilaian")).await;
    assert!(page.contains("Catatan utuh: 5 entri"), "{page}");
    judging_audit::Entity::update_many()
        .col_expr(judging_audit::Column::After, Expr::value("pairs="))
        .filter(judging_audit::Column::Seq.eq(2))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, page) = organizer.page(&format!("/kelola/{SLUG}/penilaian")).await;
    assert!(page.contains("Catatan tidak cocok mulai entri 2"), "{page}");
}
both_databases!(
    assigning,
    jurors_are_assigned_without_conflicts_and_each_sees_only_their_own
);

async fn decisions_made_at_once_are_all_kept_in_one_unbroken_record(backend: Backend) {
    let world = both_in_desk_evaluation(backend).await;
    let app = &world.app;
    let salatiga = proposal_of(app, world.salatiga).await;
    let mut jurors = Vec::new();
    for n in 0..6 {
        jurors.push(
            app.person_with_role("Juri", &format!("juri{n}@uji.go.id"), SLUG, Role::Juror)
                .await,
        );
    }
    // Six declarations and two identical hand assignments race.
    let declarations = jurors
        .iter()
        .map(|j| j.declare_conflict(salatiga, "Kenal ketua tim."));
    let responses = futures::future::join_all(declarations).await;
    for (juror, response) in jurors.iter().zip(&responses) {
        juror.expect_done(response);
    }
    let bebas = app
        .person_with_role("Juri Bebas", "bebas@uji.go.id", SLUG, Role::Juror)
        .await;
    drop(bebas);
    let free_id = user_id(app, "bebas@uji.go.id").await;
    let twice = futures::future::join_all([
        world
            .organizer
            .change_assignment("add_assignment", salatiga, free_id),
        world
            .organizer
            .change_assignment("add_assignment", salatiga, free_id),
    ])
    .await;
    let done = twice
        .iter()
        .filter(|r| matches!(world.organizer.outcome(r), Outcome::Done(_)))
        .count();
    assert_eq!(done, 1, "one of two identical assignments wins");
    let rows = judging_audit::Entity::find()
        .order_by_asc(judging_audit::Column::Seq)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 8);
    let seqs: Vec<i32> = rows.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (1..=8).collect::<Vec<_>>());
    let (_, page) = world
        .organizer
        .page(&format!("/kelola/{SLUG}/penilaian"))
        .await;
    assert!(page.contains("Catatan utuh: 8 entri"), "{page}");
}
both_databases!(
    racing_decisions,
    decisions_made_at_once_are_all_kept_in_one_unbroken_record
);

async fn judging_holds_when_roles_conflicts_and_proposals_change(backend: Backend) {
    let world = both_in_desk_evaluation(backend).await;
    let app = &world.app;
    let organizer = &world.organizer;
    let salatiga = proposal_of(app, world.salatiga).await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(
            app.person_with_role("Juri", &format!("juri{n}@uji.go.id"), SLUG, Role::Juror)
                .await,
        );
    }
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(user_id(app, &format!("juri{n}@uji.go.id")).await);
    }
    let active = || async {
        assignment::Entity::find()
            .filter(assignment::Column::Active.eq(true))
            .all(&app.db)
            .await
            .unwrap()
    };

    // Two runs at once with different seeds: the second sees the first, so no entry gets
    // more than k jurors and no juror more than the load.
    let runs = futures::future::join_all([
        organizer.run_assignment("2", "2", "1"),
        organizer.run_assignment("2", "2", "2"),
    ])
    .await;
    for (_, page) in &runs {
        sayembara_tests::assert_no_error(page);
    }
    let rows = active().await;
    assert_eq!(rows.len(), 4, "two entries, two jurors each");
    for juror in &ids {
        assert!(rows.iter().filter(|a| a.juror_id == *juror).count() <= 2);
    }

    // A juror who declares a conflict after being assigned stops judging that proposal.
    let mine = rows.iter().find(|a| a.proposal_id == salatiga).unwrap();
    let declaring = mine.juror_id;
    let juror = &jurors[ids.iter().position(|j| *j == declaring).unwrap()];
    juror.expect_done(
        &juror
            .declare_conflict(salatiga, "Ternyata saya kenal ketuanya.")
            .await,
    );
    let now = active().await;
    assert!(!now
        .iter()
        .any(|a| a.proposal_id == salatiga && a.juror_id == declaring));
    let (_, desk) = juror.page(&format!("/penilaian/{SLUG}")).await;
    assert!(!desk.contains(&format!("/nilai/{}\"", mine.id)), "{desk}");

    // A revoked juror's assignments end, on the record.
    let revoked = ids[2];
    let role = app::entities::competition_role::Entity::find()
        .filter(app::entities::competition_role::Column::UserId.eq(revoked))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let admin = app.admin_browser("admin@uji.go.id").await;
    admin
        .done(
            &format!("/kompetisi/{SLUG}/peran"),
            "/api/revoke_role",
            &[("slug", SLUG), ("assignment", &role.id.to_string())],
        )
        .await;
    assert!(!active().await.iter().any(|a| a.juror_id == revoked));

    // An organizer who made themselves a juror does not assign themselves, nor lift their
    // own conflicts.
    app.give_role("panitia@uji.go.id", SLUG, Role::Juror).await;
    let me = user_id(app, "panitia@uji.go.id").await;
    let response = organizer
        .change_assignment("add_assignment", salatiga, me)
        .await;
    assert_eq!(
        sayembara_tests::refusal(&organizer.location(&response)),
        app::error::AppError::Forbidden
    );
    let response = organizer
        .submit(
            &format!("/kelola/{SLUG}/konflik"),
            "/api/decide_conflict",
            &[
                ("slug", SLUG),
                ("juror", &me.to_string()),
                ("proposal", &salatiga.to_string()),
                ("kind", "lifted"),
                ("reason", "Saya yakin netral."),
            ],
        )
        .await;
    assert_eq!(
        sayembara_tests::refusal(&organizer.location(&response)),
        app::error::AppError::Forbidden
    );

    // Once selection closed, a team cannot withdraw what is being judged.
    let lead = &world.pontianak_lead;
    let team = world.pontianak.to_string();
    let response = lead
        .submit(
            &format!("/tim/{team}/proposal"),
            "/api/withdraw_proposal",
            &[("team", &team)],
        )
        .await;
    let (_, page) = lead.follow(&response).await;
    assert!(
        page.contains("Seleksi administrasi sudah ditutup"),
        "{page}"
    );
    let status = proposal::Entity::find_by_id(proposal_of(app, world.pontianak).await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status;
    assert_eq!(status, app::proposals::ProposalStatus::Submitted);

    let (_, page) = organizer.page(&format!("/kelola/{SLUG}/penilaian")).await;
    assert!(page.contains("Catatan utuh"), "{page}");
}
both_databases!(
    changes,
    judging_holds_when_roles_conflicts_and_proposals_change
);

async fn late_jurors_are_reminded_and_the_record_and_standings_export(backend: Backend) {
    let world = both_in_desk_evaluation(backend).await;
    let app = &world.app;
    let organizer = &world.organizer;
    let mut jurors = Vec::new();
    for n in 0..2 {
        jurors.push(
            app.person_with_role("Juri", &format!("juri{n}@uji.go.id"), SLUG, Role::Juror)
                .await,
        );
    }
    organizer.run_assignment("2", "2", "5").await;
    let stage = format!("/kelola/{SLUG}/penilaian/desk_evaluation");
    let (_, page) = organizer.page(&stage).await;
    assert!(page.contains("Terkirim"), "{page}");

    // Both have two sheets to submit: each is mailed how many; not again within 12 hours.
    let remind = || {
        organizer.submit(
            &stage,
            "/api/remind_jurors",
            &[("slug", SLUG), ("stage", "desk_evaluation")],
        )
    };
    let (_, page) = organizer.follow(&remind().await).await;
    assert!(page.contains("sudah diingatkan lewat surel"), "{page}");
    assert!(page.contains("Terakhir diingatkan pada"));
    for n in 0..2 {
        let mail = app.last_mail_to(&format!("juri{n}@uji.go.id")).await;
        assert!(
            mail.subject.contains("Pengingat penilaian"),
            "{}",
            mail.subject
        );
        assert!(mail.body.contains("Masih ada 2 proposal"), "{}", mail.body);
    }
    let (_, page) = organizer.follow(&remind().await).await;
    assert!(page.contains("dalam 12 jam terakhir"), "{page}");

    // The whole record, filtered by kind.
    let (status, page) = organizer
        .page(&format!(
            "/kelola/{SLUG}/catatan-penilaian?jenis=jurors_reminded"
        ))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("1 entri"), "{page}");
    assert!(page.contains("Juri diingatkan"));
    let (_, page) = organizer
        .page(&format!("/kelola/{SLUG}/catatan-penilaian?jenis=apa-saja"))
        .await;
    assert!(page.contains("3 entri"), "{page}");

    // Exports for a spreadsheet, organizers only.
    let record = format!("/kelola/{SLUG}/catatan-penilaian.csv");
    let response = organizer.get(&record).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = response.text().await.unwrap();
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 4, "{body}");
    assert!(lines[0].contains("No.,Waktu,Oleh"), "{}", lines[0]);
    assert!(lines[1].starts_with("1,") && lines[1].contains("Seleksi administrasi ditutup"));
    let body = organizer
        .get(&format!("{record}?pemisah=titik-koma"))
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("No.;Waktu;Oleh"), "{body}");
    let standings = format!("/kelola/{SLUG}/penilaian/desk_evaluation/hasil.csv");
    let body = organizer.get(&standings).await.text().await.unwrap();
    assert!(body.contains("Tim Dukcapil Cepat"), "{body}");
    assert!(body.contains("0 / 2"));
    for path in [&record, &standings] {
        assert_eq!(jurors[0].get(path).await.status(), 403);
        assert_eq!(app.new_browser().get(path).await.status(), 401);
    }
}
both_databases!(
    coverage_and_exports,
    late_jurors_are_reminded_and_the_record_and_standings_export
);
