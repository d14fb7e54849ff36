//! Scoring, black-box on both databases: a stage's settings fixed once scoring opens, a
//! juror's blind score sheet (drafts, a stale tab, submission and its lock, the others'
//! scores after one's own), the organizer reopening a sheet with a reason, and the
//! ranking the totals make.
use app::authz::Role;
use app::competitions::Stage;
use app::entities::{
    assignment, competition_stage, judging_audit, rubric_criterion, score_sheet, stage_entry,
};
use sayembara_tests::demo::{self, SLUG};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

async fn criteria(app: &TestApp) -> Vec<i32> {
    rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::Stage.eq(Stage::DeskEvaluation))
        .order_by_asc(rubric_criterion::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}

/// The juror's assignment on the proposal of the team named.
async fn assignment_of(app: &TestApp, juror: &str, team: &str) -> i32 {
    let juror = demo::user_id(app, juror).await;
    let team = demo::team_named(app, team).await;
    let proposal = sayembara_tests::demo::proposal_id(app, team.id).await;
    assignment::Entity::find()
        .filter(assignment::Column::JurorId.eq(juror))
        .filter(assignment::Column::ProposalId.eq(proposal))
        .one(&app.db)
        .await
        .unwrap()
        .expect("assigned")
        .id
}

async fn jurors_score_blind_submit_once_and_rank(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app
        .person_with_role("Panitia", "panitia@uji.go.id", SLUG, Role::Organizer)
        .await;
    for (name, email, agency) in [
        (
            "Tim Dukcapil Cepat",
            "a@uji.go.id",
            "Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga",
        ),
        (
            "Tim Puskesmas Keliling",
            "b@uji.go.id",
            "Dinas Kesehatan Kota Pontianak",
        ),
    ] {
        let lead = app.person("Ketua", email).await;
        lead.register_team(name, agency, "").await;
        let team = demo::team_named(&app, name).await;
        demo::submitted_proposal(&app, &team, "2024-01-01").await;
        organizer.expect_done(&organizer.decide_eligibility(team.id, "eligible", "").await);
    }
    // Submission over, desk evaluation not started yet.
    let competition = demo::competition(&app).await;
    demo::submission_over(&app).await;
    demo::stage_from(&app, Stage::DeskEvaluation, -2).await;
    organizer.close_selection().await;
    assert_eq!(
        stage_entry::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        2
    );
    let criteria = criteria(&app).await;
    let first = criteria[0].to_string();

    // Settings before scoring opens: blind, peers after one's own, the first criterion
    // breaks ties, a minimum sample of two.
    let (_, page) = organizer
        .judging_settings(&[
            ("blind", "on"),
            ("peer_visibility", "after_own"),
            ("tie_criterion", &first),
            ("min_sample", "2"),
            ("divergence", "x"),
            ("rank_by", "normalised"),
        ])
        .await;
    assert!(page.contains("Masukkan angka 0 sampai 100"), "{page}");
    let (_, page) = organizer
        .judging_settings(&[
            ("blind", "on"),
            ("peer_visibility", "after_own"),
            ("tie_criterion", &first),
            ("min_sample", "2"),
            ("divergence", "10"),
            ("rank_by", "normalised"),
        ])
        .await;
    assert!(page.contains("Pengaturan penilaian disimpan."), "{page}");

    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(
            app.person_with_role("Juri", &format!("juri{n}@uji.go.id"), SLUG, Role::Juror)
                .await,
        );
    }
    organizer.run_assignment("3", "2", "11").await;
    let sheet = assignment_of(&app, "juri0@uji.go.id", "Tim Dukcapil Cepat").await;
    let path = format!("/penilaian/{SLUG}/nilai/{sheet}");

    // Not before the stage runs.
    let (_, page) = jurors[0].page(&path).await;
    assert!(
        page.contains("Tahap ini tidak sedang berlangsung"),
        "{page}"
    );
    demo::stage_from(&app, Stage::DeskEvaluation, 1).await;

    // Blind: no team, agency or region.
    let (status, page) = jurors[0].page(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Penilaian tahap ini buta"), "{page}");
    assert!(!page.contains("Tim Dukcapil Cepat"));
    assert!(!page.contains("Kependudukan"));
    // Only the juror it names: another juror and the organizer are refused.
    assert_eq!(jurors[1].page(&path).await.0, 403);
    assert_eq!(organizer.page(&path).await.0, 403);

    // A draft keeps what was typed; a stale tab changes nothing; junk is refused at its field.
    let c = &criteria;
    let response = jurors[0]
        .score(sheet, 0, &[(c[0], "7")], "Bagus.", "draft")
        .await;
    jurors[0].expect_done(&response);
    let (_, page) = jurors[0].page(&path).await;
    assert!(page.contains("value=\"7\""), "{page}");
    let response = jurors[0].score(sheet, 0, &[(c[0], "8")], "", "draft").await;
    let (_, page) = jurors[0].follow(&response).await;
    assert!(
        page.contains("sudah berubah di tab atau perangkat lain"),
        "{page}"
    );
    let response = jurors[0]
        .score(sheet, 1, &[(c[0], "11")], "", "submit")
        .await;
    let (_, page) = jurors[0].follow(&response).await;
    assert!(
        page.contains("Masukkan bilangan bulat di dalam skala"),
        "{page}"
    );
    assert!(page.contains("Beri nilai untuk kriteria ini sebelum mengirim"));

    // The others' scores stay hidden until one's own is in.
    assert!(!page.contains("Nilai juri lain</h2>"));

    // Everyone submits: Salatiga gets the top of every scale, Pontianak the bottom.
    for (n, juror) in jurors.iter().enumerate() {
        for (team, value) in [
            ("Tim Dukcapil Cepat", "10"),
            ("Tim Puskesmas Keliling", "1"),
        ] {
            let id = assignment_of(&app, &format!("juri{n}@uji.go.id"), team).await;
            let version = score_sheet::Entity::find()
                .filter(score_sheet::Column::AssignmentId.eq(id))
                .one(&app.db)
                .await
                .unwrap()
                .map(|s| s.version)
                .unwrap_or(0);
            let scores: Vec<(i32, &str)> = c.iter().map(|id| (*id, value)).collect();
            juror.expect_done(
                &juror
                    .score(id, version, &scores, "Komentar untuk tim.", "submit")
                    .await,
            );
        }
    }
    let (_, page) = jurors[0].page(&path).await;
    assert!(
        page.contains("Nilai Anda sudah terkirim dan terkunci."),
        "{page}"
    );
    assert!(page.contains("100.000"));
    assert!(page.contains("Juri lain 2"), "{page}");
    // Locked: a resent form changes nothing.
    let scores: Vec<(i32, &str)> = c.iter().map(|id| (*id, "1")).collect();
    let response = jurors[0].score(sheet, 2, &scores, "", "submit").await;
    let (_, page) = jurors[0].follow(&response).await;
    assert!(
        page.contains("Nilai Anda sudah terkirim dan terkunci"),
        "{page}"
    );

    // The ranking: Salatiga first, raw and normalised side by side.
    let results = format!("/kelola/{SLUG}/penilaian/desk_evaluation/hasil");
    let (status, page) = organizer.page(&results).await;
    assert_eq!(status, 200);
    let first_row = page.find("Tim Dukcapil Cepat").unwrap();
    let second_row = page.find("Tim Puskesmas Keliling").unwrap();
    assert!(first_row < second_row, "{page}");
    assert!(page.contains("100.000") && page.contains("0.000"));
    assert!(page.contains("3 / 3"));
    assert_eq!(jurors[0].page(&results).await.0, 403);

    // Settings that decide the outcome are fixed now; the view's are not.
    let (_, page) = organizer
        .judging_settings(&[
            ("peer_visibility", "after_own"),
            ("tie_criterion", &first),
            ("min_sample", "2"),
            ("divergence", "10"),
            ("rank_by", "raw"),
        ])
        .await;
    assert!(page.contains("sudah dibuka"), "{page}");

    // Reopening needs a reason; then the juror can change and submit again.
    let sheet_row = score_sheet::Entity::find()
        .filter(score_sheet::Column::AssignmentId.eq(sheet))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let response = organizer.reopen_sheet(sheet_row.id, " ").await;
    let (_, page) = organizer.follow(&response).await;
    assert!(page.contains("Tulis alasannya."), "{page}");
    organizer.expect_done(
        &organizer
            .reopen_sheet(sheet_row.id, "Juri salah memasukkan nilai kriteria 2.")
            .await,
    );
    let (_, page) = jurors[0].page(&path).await;
    assert!(page.contains("Kirim nilai"), "{page}");

    // Blind: the juror's desk and list name no team either.
    let (_, desk) = jurors[1].page(&format!("/penilaian/{SLUG}")).await;
    assert!(!desk.contains("Tim Dukcapil Cepat"), "{desk}");
    assert!(desk.contains("(tanpa judul)"), "{desk}");
    let (_, mine) = jurors[1].page("/penilaian").await;
    assert!(!mine.contains("Tim Dukcapil Cepat"));

    // A juror who declares a conflict after scoring stops counting, on the record.
    let salatiga =
        demo::proposal_id(&app, demo::team_named(&app, "Tim Dukcapil Cepat").await.id).await;
    jurors[1].expect_done(
        &jurors[1]
            .declare_conflict(salatiga, "Baru tahu ketua tim adalah sepupu saya.")
            .await,
    );
    let (_, page) = organizer.page(&results).await;
    // Juror 0's sheet is a draft again, juror 1's no longer counts: one of two.
    assert!(page.contains("1 / 2"), "{page}");
    let ended = judging_audit::Entity::find()
        .filter(judging_audit::Column::Kind.eq("assignment_removed"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        ended.after.contains("no longer counting: sheet:"),
        "{}",
        ended.after
    );

    // Once the stage has ended a sheet is not reopened (its juror could never submit it).
    competition_stage::Entity::update_many()
        .col_expr(
            competition_stage::Column::EndsAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .filter(competition_stage::Column::CompetitionId.eq(competition.id))
        .filter(competition_stage::Column::Stage.eq(Stage::DeskEvaluation))
        .exec(&app.db)
        .await
        .unwrap();
    let submitted = score_sheet::Entity::find()
        .filter(score_sheet::Column::State.eq(app::judging::SheetState::Submitted))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let response = organizer.reopen_sheet(submitted.id, "Terlambat.").await;
    let (_, page) = organizer.follow(&response).await;
    assert!(
        page.contains("Tahap ini tidak sedang berlangsung"),
        "{page}"
    );

    // All on the record, which verifies.
    let kinds: Vec<String> = judging_audit::Entity::find()
        .order_by_asc(judging_audit::Column::Seq)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds.iter().filter(|k| *k == "score_submitted").count(), 6);
    assert!(kinds.contains(&"score_reopened".to_string()));
    assert!(kinds.contains(&"settings_changed".to_string()));
    let (_, page) = organizer.page(&format!("/kelola/{SLUG}/penilaian")).await;
    assert!(page.contains("Catatan utuh"), "{page}");
}
both_databases!(scoring, jurors_score_blind_submit_once_and_rank);
