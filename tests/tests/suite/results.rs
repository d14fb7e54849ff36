//! From a ranked desk evaluation to published, verifiable results, black-box on both
//! databases: the stages' weights fixed once judging opens, a shortlist with a province
//! quota (its effect shown, then fixed: the stage closes), a presentation stage with its own
//! rubric, assignments and schedule, the final ranking frozen with its hash, every later
//! change refused, publication (awards, mail, each team's anonymised breakdown), and a
//! score edited in the database afterwards caught by the check.
use app::authz::Role;
use app::competitions::Stage;
use app::entities::{
    assignment, award, mail_outbox, rubric_criterion, score_item, score_sheet, stage_entry,
};
use app::error::AppError;
use app::judging::AwardKind;
use sayembara_tests::demo::{self, SLUG};
use sayembara_tests::{both_databases, Backend, Outcome, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

async fn criteria(app: &TestApp, stage: Stage) -> Vec<i32> {
    rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::Stage.eq(stage))
        .order_by_asc(rubric_criterion::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}

/// Every juror scores every proposal assigned to them in `stage`: `value` on every
/// criterion, by team name.
async fn score_stage(app: &TestApp, jurors: &[TestApp], stage: Stage, values: &[(&str, &str)]) {
    let criteria = criteria(app, stage).await;
    for (n, juror) in jurors.iter().enumerate() {
        let juror_id = demo::user_id(app, &format!("juri{n}@uji.go.id")).await;
        for (team, value) in values {
            let team = demo::team_named(app, team).await;
            let proposal = demo::proposal_id(app, team.id).await;
            let Some(a) = assignment::Entity::find()
                .filter(assignment::Column::JurorId.eq(juror_id))
                .filter(assignment::Column::ProposalId.eq(proposal))
                .filter(assignment::Column::Stage.eq(stage))
                .filter(assignment::Column::Active.eq(true))
                .one(&app.db)
                .await
                .unwrap()
            else {
                continue;
            };
            let scores: Vec<(i32, &str)> = criteria.iter().map(|c| (*c, *value)).collect();
            juror.expect_done(
                &juror
                    .score(a.id, 0, &scores, "Komentar untuk tim.", "submit")
                    .await,
            );
        }
    }
}

const SALATIGA: &str = "Tim Dukcapil Cepat";
const PONTIANAK: &str = "Tim Puskesmas Keliling";
const KOTA: &str = "Tim Kota Salatiga";

async fn organizer_takes_a_competition_to_verified_results(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app
        .person_with_role("Panitia", "panitia@uji.go.id", SLUG, Role::Organizer)
        .await;
    let mut leads = Vec::new();
    for (name, email, agency) in [
        (
            SALATIGA,
            "a@uji.go.id",
            "Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga",
        ),
        (PONTIANAK, "b@uji.go.id", "Dinas Kesehatan Kota Pontianak"),
        (KOTA, "c@uji.go.id", "Pemerintah Kota Salatiga"),
    ] {
        let lead = app.person("Ketua", email).await;
        lead.register_team(name, agency, "").await;
        let team = demo::team_named(&app, name).await;
        demo::submitted_proposal(&app, &team, "2024-01-01").await;
        organizer.expect_done(&organizer.decide_eligibility(team.id, "eligible", "").await);
        leads.push(lead);
    }
    let competition = demo::competition(&app).await;
    demo::submission_over(&app).await;
    demo::stage_from(&app, Stage::DeskEvaluation, -2).await;
    demo::stage_from(&app, Stage::Presentation, -30).await;
    // The presentation has its own rubric: one criterion.
    rubric_criterion::ActiveModel {
        competition_id: Set(competition.id),
        stage: Set(Stage::Presentation),
        position: Set(0),
        name_id: Set("Penyajian".into()),
        name_en: Set("Presentation".into()),
        description_id: Set("Jelas dan meyakinkan.".into()),
        description_en: Set("Clear and convincing.".into()),
        weight: Set(100),
        scale_min: Set(1),
        scale_max: Set(10),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();

    // Weights before judging opens: they must add up to 100.
    let final_page = format!("/kelola/{SLUG}/hasil-akhir");
    let (_, page) = organizer.page(&final_page).await;
    assert!(page.contains("setiap tahap berbobot sama"), "{page}");
    let (_, page) = organizer
        .final_weights(&[("desk_evaluation", "50"), ("presentation", "60")])
        .await;
    assert!(page.contains("Jumlah bobot harus 100."), "{page}");
    let (_, page) = organizer
        .final_weights(&[("desk_evaluation", "40"), ("presentation", "60")])
        .await;
    assert!(page.contains("Bobot tahap disimpan."), "{page}");
    // Nobody else sets them.
    assert_eq!(leads[0].page(&final_page).await.0, 403);

    organizer.close_selection().await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(
            app.person_with_role("Juri", &format!("juri{n}@uji.go.id"), SLUG, Role::Juror)
                .await,
        );
    }
    organizer.run_assignment("3", "3", "5").await;
    demo::stage_from(&app, Stage::DeskEvaluation, 1).await;
    // Judging has opened: the weights stay.
    let (_, page) = organizer
        .final_weights(&[("desk_evaluation", "50"), ("presentation", "50")])
        .await;
    assert!(
        page.contains("bobot tahap tidak dapat diubah lagi"),
        "{page}"
    );

    // The shortlist waits for every sheet.
    let ask = [
        ("ke", "presentation"),
        ("jumlah", "2"),
        ("kuota1", "province:61"),
        ("min1", "1"),
    ];
    let (_, page) = organizer.fix_shortlist("desk_evaluation", &ask).await;
    assert!(
        page.contains("Masih ada lembar nilai yang belum terkirim"),
        "{page}"
    );
    score_stage(
        &app,
        &jurors,
        Stage::DeskEvaluation,
        &[(SALATIGA, "10"), (KOTA, "6"), (PONTIANAK, "2")],
    )
    .await;

    // Top 2 would be Salatiga and Kota; a place reserved for West Kalimantan brings in
    // Pontianak and pushes Kota out, and the preview says so.
    let shortlist = format!("/kelola/{SLUG}/penilaian/desk_evaluation/daftar-pendek");
    let (status, page) = organizer
        .page(&format!(
            "{shortlist}?ke=presentation&jumlah=2&kuota1=province%3A61&min1=1&maks1="
        ))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Pratinjau: 2 dari 3 proposal masuk"),
        "{page}"
    );
    assert!(
        page.contains("masuk karena Provinsi Kalimantan Barat"),
        "{page}"
    );
    assert!(
        page.contains("tergeser oleh kursi yang dicadangkan"),
        "{page}"
    );
    // A quota that contradicts itself is refused at its field.
    let (_, page) = organizer
        .page(&format!(
            "{shortlist}?ke=presentation&jumlah=2&kuota1=province%3A61&min1=2&maks1=1"
        ))
        .await;
    assert!(
        page.contains("harus sama dengan atau lebih dari paling sedikit"),
        "{page}"
    );
    assert_eq!(jurors[0].page(&shortlist).await.0, 403);

    let (_, page) = organizer.fix_shortlist("desk_evaluation", &ask).await;
    assert!(page.contains("Daftar pendek ditetapkan"), "{page}");
    let finalists: Vec<i32> = stage_entry::Entity::find()
        .filter(stage_entry::Column::Stage.eq(Stage::Presentation))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.proposal_id)
        .collect();
    let salatiga = demo::proposal_id(&app, demo::team_named(&app, SALATIGA).await.id).await;
    let pontianak = demo::proposal_id(&app, demo::team_named(&app, PONTIANAK).await.id).await;
    assert_eq!(finalists.len(), 2);
    assert!(finalists.contains(&salatiga) && finalists.contains(&pontianak));
    // Fixed once; the desk stage is closed: no new assignments there.
    let (_, page) = organizer.fix_shortlist("desk_evaluation", &ask).await;
    assert!(page.contains("sudah ditetapkan"), "{page}");
    let (_, page) = organizer.run_assignment("3", "3", "6").await;
    assert!(page.contains("ditutup oleh daftar pendeknya"), "{page}");

    // A conflict declared now does not move the closed stage: the desk sheet still counts.
    let kota_proposal = demo::proposal_id(&app, demo::team_named(&app, KOTA).await.id).await;
    jurors[0].expect_done(
        &jurors[0]
            .declare_conflict(
                kota_proposal,
                "Baru tahu saya pernah menjadi narasumber mereka.",
            )
            .await,
    );
    let juror0 = demo::user_id(&app, "juri0@uji.go.id").await;
    let still = assignment::Entity::find()
        .filter(assignment::Column::JurorId.eq(juror0))
        .filter(assignment::Column::ProposalId.eq(kota_proposal))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(still.active, "a closed stage keeps its assignments");

    // The presentation: its own assignments and a schedule each side sees.
    organizer
        .run_assignment_in("presentation", "3", "2", "7")
        .await;
    let (_, page) = organizer
        .save_schedule(
            "presentation",
            &[
                (salatiga, "2030-03-05T09:00", "20", "Ruang Sidang 1"),
                (pontianak, "kemarin", "20", ""),
            ],
        )
        .await;
    assert!(page.contains("field-start-"), "{page}");
    let (_, page) = organizer
        .save_schedule(
            "presentation",
            &[
                (salatiga, "2030-03-05T09:00", "20", "Ruang Sidang 1"),
                (pontianak, "2030-03-05T09:30", "20", "Ruang Sidang 1"),
            ],
        )
        .await;
    assert!(page.contains("Jadwal disimpan."), "{page}");
    let salatiga_team = demo::team_named(&app, SALATIGA).await;
    let team_results = format!("/tim/{}/hasil", salatiga_team.id);
    let (_, page) = leads[0].page(&team_results).await;
    assert!(page.contains("Ruang Sidang 1"), "{page}");
    assert!(page.contains("Hasil belum diumumkan."), "{page}");
    let (_, page) = jurors[0].page(&format!("/penilaian/{SLUG}")).await;
    assert!(page.contains("Ruang Sidang 1"), "{page}");
    // Another team does not read it.
    assert_eq!(leads[1].page(&team_results).await.0, 403);

    demo::stage_from(&app, Stage::Presentation, 1).await;
    score_stage(
        &app,
        &jurors,
        Stage::Presentation,
        &[(SALATIGA, "8"), (PONTIANAK, "9")],
    )
    .await;

    // The final ranking: 40 % desk, 60 % presentation; Salatiga's desk lead holds.
    let (_, page) = organizer.page(&final_page).await;
    let first = page
        .find("<th scope=\"row\">Tim Dukcapil Cepat")
        .expect("Salatiga ranked");
    let second = page
        .find("<th scope=\"row\">Tim Puskesmas Keliling")
        .expect("Pontianak ranked");
    assert!(first < second, "{page}");

    // Publishing waits for the freeze; the freeze seals it.
    let (_, page) = organizer.publish_results("1", "0").await;
    assert!(
        page.contains("Bekukan hasil sebelum mengumumkannya."),
        "{page}"
    );
    let response = leads[0].freeze_results().await;
    assert!(
        matches!(
            leads[0].outcome(&response),
            Outcome::Refused(AppError::Forbidden)
        ),
        "a team lead may not freeze"
    );
    let (_, page) = organizer.follow(&organizer.freeze_results().await).await;
    assert!(page.contains("Hasil dibekukan."), "{page}");
    assert!(page.contains("Hasil terverifikasi"), "{page}");
    // Nothing that decides the outcome changes any more.
    let sheet = score_sheet::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let response = organizer.reopen_sheet(sheet.id, "Salah ketik.").await;
    assert!(
        matches!(
            organizer.outcome(&response),
            Outcome::Refused(AppError::Frozen)
        ),
        "reopened after the freeze"
    );
    let (_, page) = organizer.follow(&organizer.freeze_results().await).await;
    assert!(
        page.contains("Hasil akhir kompetisi ini sudah dibekukan"),
        "{page}"
    );

    // The public sees the hash before the ranking.
    let public = format!("/kompetisi/{SLUG}/hasil");
    let (status, page) = app.page(&public).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Hasil sudah dibekukan dan akan diumumkan"),
        "{page}"
    );
    assert!(!page.contains("Tim Puskesmas Keliling"), "{page}");

    let (_, page) = organizer.publish_results("x", "0").await;
    assert!(
        page.contains("Masukkan bilangan bulat 0 sampai 20."),
        "{page}"
    );
    let (_, page) = organizer.publish_results("1", "0").await;
    assert!(
        page.contains("Hasil diumumkan dan tim diberi tahu."),
        "{page}"
    );
    let awards = award::Entity::find()
        .order_by_asc(award::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        awards
            .iter()
            .map(|a| (a.team_id, a.kind, a.place, a.title.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (salatiga_team.id, AwardKind::Winner, Some(1), "Juara 1"),
            (
                demo::team_named(&app, PONTIANAK).await.id,
                AwardKind::RunnerUp,
                Some(2),
                "Juara 2"
            ),
        ]
    );
    // Every team that submitted hears, the one left out too.
    for email in ["a@uji.go.id", "b@uji.go.id", "c@uji.go.id"] {
        let mail = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Recipient.eq(email))
            .order_by_desc(mail_outbox::Column::Id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(mail.subject.contains("sudah diumumkan"), "{}", mail.subject);
    }
    let (_, page) = app.page(&public).await;
    assert!(page.contains("Juara 2"), "{page}");
    assert!(page.contains("Hasil terverifikasi"), "{page}");

    // Taken away: the final ranking and the presentation's sheets, as CSV and XLSX.
    let body = organizer
        .get(&format!("/kelola/{SLUG}/hasil-akhir.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("Tim Dukcapil Cepat") && body.contains("Juara 1"),
        "{body}"
    );
    let sheets = format!("/kelola/{SLUG}/penilaian/presentation/nilai.csv");
    let body = organizer.get(&sheets).await.text().await.unwrap();
    assert_eq!(body.trim_end().split("\r\n").count(), 1 + 6, "{body}");
    assert!(
        body.contains("Penyajian") && body.contains("Komentar untuk tim."),
        "{body}"
    );
    let response = organizer
        .get(&format!("/kelola/{SLUG}/hasil-akhir.xlsx"))
        .await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("spreadsheetml"));
    assert_eq!(&response.bytes().await.unwrap()[..2], b"PK");
    assert_eq!(jurors[0].get(&sheets).await.status(), 403);
    assert_eq!(
        leads[0]
            .get(&format!("/kelola/{SLUG}/hasil-akhir.xlsx"))
            .await
            .status(),
        403
    );

    // Each team reads its breakdown: comments numbered, jurors never named.
    let (_, page) = leads[0].page(&team_results).await;
    assert!(page.contains("Peringkat akhir 1 dari 2 finalis"), "{page}");
    assert!(page.contains("Komentar untuk tim."), "{page}");
    assert!(page.contains("Juri lain 1"), "{page}");
    assert!(
        !page.contains("juri0@uji.go.id") && !page.contains(">Juri<"),
        "{page}"
    );
    let kota = demo::team_named(&app, KOTA).await;
    let (_, page) = leads[2].page(&format!("/tim/{}/hasil", kota.id)).await;
    assert!(page.contains("tidak masuk final"), "{page}");

    // An award changed in the database is caught; so is a score.
    let runner_up = awards[1].id;
    award::Entity::update_many()
        .col_expr(award::Column::Kind, Expr::value("winner"))
        .filter(award::Column::Id.eq(runner_up))
        .exec(&app.db)
        .await
        .unwrap();
    let report = app::judging::freeze::check_slug(&app.db, SLUG)
        .await
        .unwrap()
        .expect("frozen");
    assert!(
        report.to_string().contains("awards:             MISMATCH"),
        "{report}"
    );
    award::Entity::update_many()
        .col_expr(award::Column::Kind, Expr::value("runner_up"))
        .filter(award::Column::Id.eq(runner_up))
        .exec(&app.db)
        .await
        .unwrap();
    assert!(app::judging::freeze::check_slug(&app.db, SLUG)
        .await
        .unwrap()
        .expect("frozen")
        .ok());
    // A score changed in the database afterwards is caught, on the page and by the CLI's check.
    let item = score_item::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    score_item::Entity::update_many()
        .col_expr(
            score_item::Column::Score,
            Expr::value(if item.score == 10 { 9 } else { 10 }),
        )
        .filter(score_item::Column::Id.eq(item.id))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, page) = app.page(&public).await;
    assert!(page.contains("Hasil TIDAK terverifikasi"), "{page}");
    let report = app::judging::freeze::check_slug(&app.db, SLUG)
        .await
        .unwrap()
        .expect("frozen");
    assert!(!report.ok());
    assert!(report.to_string().contains("ranking recomputed: MISMATCH"));
}
both_databases!(results, organizer_takes_a_competition_to_verified_results);
