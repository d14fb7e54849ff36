//! A finished competition in the demo (`kipp-daerah-2025`): four teams submitted, passed
//! selection, were scored by three jurors at the desk, three went on to the presentation,
//! and the results are frozen and published, so a newcomer sees the whole cycle: the
//! judging record, the standings with their charts, the final ranking and its check, the
//! public results and the awards. It is made through the real services (selection,
//! weights, assignment, scoring, shortlist, freeze, publish), by its own organizer and
//! jurors, so its record and its hash are the real thing. Runs once (checked by slug).
use std::collections::HashMap;

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::{CATEGORIES, ORGANIZATIONS, RUBRIC};
use crate::accounts::domain::Email;
use crate::accounts::CurrentUser;
use crate::authz::Role;
use crate::competitions::{CompetitionKind, CompetitionStatus, OptionKind, Stage};
use crate::entities::{
    competition, competition_option, competition_role, competition_stage, eligibility_decision,
    organization, proposal, proposal_text, rubric_criterion, team,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::judging::ShortlistAsk;
use crate::proposals::{ProposalStatus, SUMMARY, TITLE};

pub const JUDGED_SLUG: &str = "kipp-daerah-2025";

/// (team, agency index in ORGANIZATIONS, category index, title, summary, quality 1–10)
const ENTRIES: [(&str, usize, usize, &str, &str, i32); 4] = [
    (
        "Tim Akta Sehari Jadi",
        0,
        1,
        "Akta kelahiran terbit dari rumah sakit dalam sehari",
        "Rumah sakit bersalin mengajukan akta, KK, dan KIA bayi baru lahir langsung ke Dukcapil; orang tua menerima dokumennya sebelum pulang.",
        9,
    ),
    (
        "Tim Antrean Puskesmas Pintar",
        1,
        0,
        "Perkiraan waktu panggilan pasien puskesmas lewat pesan singkat",
        "Warga mendaftar dari rumah dan menerima perkiraan jam dipanggil, sehingga ruang tunggu puskesmas tidak lagi penuh sejak pagi.",
        8,
    ),
    (
        "Tim Kelurahan Siaga Banjir",
        2,
        3,
        "Peta laporan genangan warga untuk petugas kecamatan",
        "Warga melaporkan genangan dengan foto dan lokasi; petugas kecamatan melihat peta laporan dan mengirim pompa ke titik terparah.",
        6,
    ),
    (
        "Tim Izin Usaha Satu Pintu",
        3,
        2,
        "Izin usaha mikro terbit dalam satu kunjungan",
        "Pelaku usaha mikro mengurus izin, NIB, dan sertifikat halal di satu loket dengan satu formulir; izin terbit pada hari yang sama.",
        7,
    ),
];

/// (name, leniency added to every score)
const JURORS: [(&str, i32); 3] = [
    ("Juri Demo Murah Hati", 1),
    ("Juri Demo Seimbang", 0),
    ("Juri Demo Ketat", -2),
];

/// The presentation's rubric: (name id, name en, weight, description id, description en).
const PRESENTATION: [(&str, &str, i32, &str, &str); 2] = [
    (
        "Penyajian",
        "Presentation",
        40,
        "Jelas, runtut, dan tepat waktu (7 menit).",
        "Clear, well ordered and on time (7 minutes).",
    ),
    (
        "Jawaban atas pertanyaan juri",
        "Answers to the jurors' questions",
        60,
        "Menguasai data dan menjawab dengan bukti (13 menit).",
        "Knows the data and answers with evidence (13 minutes).",
    ),
];

fn as_user(account: &crate::entities::user_account::Model) -> CurrentUser {
    CurrentUser {
        id: account.id,
        name: account.name.clone(),
        email: account.email.clone(),
        verified: true,
        is_admin: false,
    }
}

async fn person(
    db: &DatabaseConnection,
    name: &str,
    email: &str,
) -> Result<crate::entities::user_account::Model, AppError> {
    let email = Email::parse(email).map_err(|_| AppError::Internal)?;
    Ok(
        crate::accounts::service::new_account(&email, name, None, Some(Utc::now()), Lang::Id)
            .insert(db)
            .await?,
    )
}

/// Opens (or closes) a judged stage's dates around now.
async fn date_stage(
    db: &DatabaseConnection,
    competition_id: i32,
    stage: Stage,
    from_days: i64,
    to_days: i64,
) -> Result<(), AppError> {
    let now = Utc::now();
    competition_stage::Entity::update_many()
        .col_expr(
            competition_stage::Column::StartsAt,
            Expr::value(now + Duration::days(from_days)),
        )
        .col_expr(
            competition_stage::Column::EndsAt,
            Expr::value(now + Duration::days(to_days)),
        )
        .filter(competition_stage::Column::CompetitionId.eq(competition_id))
        .filter(competition_stage::Column::Stage.eq(stage))
        .exec(db)
        .await?;
    Ok(())
}

/// Every juror submits a sheet for each of their active assignments in `stage`: the
/// entry's quality, moved by the juror's leniency and a little by the criterion.
async fn score(
    db: &DatabaseConnection,
    competition_id: i32,
    stage: Stage,
    jurors: &[(CurrentUser, i32)],
    quality: &HashMap<i32, i32>,
    swing: i32,
) -> Result<(), AppError> {
    let criteria = crate::judging::settings::criteria(db, competition_id, stage).await?;
    for a in crate::judging::assignments::active(db, competition_id, stage).await? {
        let Some((juror, lean)) = jurors.iter().find(|(j, _)| j.id == a.juror_id) else {
            continue;
        };
        let base = quality.get(&a.proposal_id).copied().unwrap_or(5) + lean;
        let scores: HashMap<String, String> = criteria
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let v = (base + (i as i32 % 2) * swing).clamp(c.scale_min, c.scale_max);
                (c.id.to_string(), v.to_string())
            })
            .collect();
        crate::judging::scoring::save(
            db,
            Some(juror),
            JUDGED_SLUG,
            a.id,
            crate::judging::scoring::SheetForm {
                version: 0,
                scores: &scores,
                comment_team: "Data dampaknya meyakinkan; jelaskan biaya pemeliharaannya.",
                comment_panel: "Layak dipertimbangkan untuk replikasi.",
                submit: true,
            },
        )
        .await?;
    }
    Ok(())
}

/// Seeds the finished competition unless it is there; the main demo must be seeded first
/// (its organizations are used).
#[tracing::instrument(skip(db))]
pub async fn seed(db: &DatabaseConnection) -> Result<bool, AppError> {
    let existing = competition::Entity::find()
        .filter(competition::Column::Slug.eq(JUDGED_SLUG))
        .one(db)
        .await?;
    if existing.is_some() {
        return Ok(false);
    }
    let mut orgs = Vec::new();
    for org in &ORGANIZATIONS {
        let row = organization::Entity::find()
            .filter(organization::Column::Name.eq(org.name))
            .one(db)
            .await?
            .ok_or(AppError::Internal)?;
        orgs.push(row);
    }
    let now = Utc::now();
    let competition = competition::ActiveModel {
        slug: Set(JUDGED_SLUG.to_string()),
        kind: Set(CompetitionKind::Innovation),
        status: Set(CompetitionStatus::Published),
        title_id: Set("Kompetisi Inovasi Pelayanan Publik Daerah 2025".to_string()),
        title_en: Set("Regional Public Service Innovation Competition 2025".to_string()),
        summary_id: Set("Edisi yang sudah selesai: hasilnya dibekukan, diumumkan, dan dapat diperiksa siapa pun.".to_string()),
        summary_en: Set("A finished edition: its results are frozen, published and open to anyone's check.".to_string()),
        registration_closes_at: Set(now - Duration::days(300)),
        created_at: Set(now - Duration::days(330)),
        description_id: Set("Empat tim lolos seleksi administrasi, dinilai tiga juri pada evaluasi proposal; tiga terbaik mempresentasikan inovasinya.".to_string()),
        description_en: Set("Four teams passed administrative selection and were scored by three jurors at the desk; the best three presented their innovation.".to_string()),
        rules_id: Set("Inovasi telah berjalan paling sedikit 12 bulan.".to_string()),
        rules_en: Set("The innovation has been running for at least 12 months.".to_string()),
        team_min: Set(1),
        team_max: Set(5),
        published_at: Set(Some(now - Duration::days(330))),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut categories = Vec::new();
    for (position, (name_id, name_en)) in CATEGORIES.iter().enumerate() {
        let row = competition_option::ActiveModel {
            competition_id: Set(competition.id),
            kind: Set(OptionKind::Category),
            position: Set(position as i32),
            name_id: Set(name_id.to_string()),
            name_en: Set(name_en.to_string()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        categories.push(row.id);
    }
    // Registration and submission are over; the judged stages start later (dated around
    // now while they are judged, then moved back into the past).
    for (stage, (from, to)) in [
        (Stage::Registration, (-330, -300)),
        (Stage::Submission, (-299, -270)),
        (Stage::AdministrativeSelection, (-269, -260)),
        (Stage::DeskEvaluation, (10, 20)),
        (Stage::Shortlist, (21, 22)),
        (Stage::Presentation, (23, 24)),
        (Stage::Results, (25, 26)),
    ] {
        competition_stage::ActiveModel {
            competition_id: Set(competition.id),
            stage: Set(stage),
            starts_at: Set(now + Duration::days(from)),
            ends_at: Set(now + Duration::days(to)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for (stage, rubric) in [
        (Stage::DeskEvaluation, &RUBRIC[..]),
        (Stage::Presentation, &PRESENTATION[..]),
    ] {
        for (position, (name_id, name_en, weight, description_id, description_en)) in
            rubric.iter().enumerate()
        {
            rubric_criterion::ActiveModel {
                competition_id: Set(competition.id),
                stage: Set(stage),
                position: Set(position as i32),
                name_id: Set(name_id.to_string()),
                name_en: Set(name_en.to_string()),
                description_id: Set(description_id.to_string()),
                description_en: Set(description_en.to_string()),
                weight: Set(*weight),
                scale_min: Set(1),
                scale_max: Set(10),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }

    let organizer = person(db, "Panitia KIPP 2025", "panitia.2025@demo.sayembara.id").await?;
    let mut jurors = Vec::new();
    for (n, (name, lean)) in JURORS.iter().enumerate() {
        let juror = person(db, name, &format!("juri{}.2025@demo.sayembara.id", n + 1)).await?;
        jurors.push((as_user(&juror), *lean));
    }
    for (user, role) in std::iter::once((organizer.id, Role::Organizer))
        .chain(jurors.iter().map(|(j, _)| (j.id, Role::Juror)))
    {
        competition_role::ActiveModel {
            competition_id: Set(competition.id),
            user_id: Set(user),
            role: Set(role),
            granted_by: Set(None),
            granted_at: Set(now - Duration::days(320)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let org = as_user(&organizer);

    let mut quality = HashMap::new();
    for (n, (name, agency, category, title, summary, q)) in ENTRIES.iter().enumerate() {
        let agency = &orgs[*agency];
        let team = team::ActiveModel {
            competition_id: Set(competition.id),
            organization_id: Set(agency.id),
            name: Set(name.to_string()),
            name_key: Set(name.to_lowercase()),
            category_option_id: Set(Some(categories[*category])),
            province_code: Set(agency.province_code.clone()),
            regency_code: Set(agency.regency_code.clone()),
            created_at: Set(now - Duration::days(310)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let submitted = now - Duration::days(280) + Duration::hours(n as i64);
        let proposal = proposal::ActiveModel {
            team_id: Set(team.id),
            competition_id: Set(competition.id),
            status: Set(ProposalStatus::Submitted),
            sdgs: Set("3,11,16".to_string()),
            started_on: Set(Some("2023-01-02".to_string())),
            meta_version: Set(1),
            created_at: Set(submitted - Duration::days(20)),
            updated_at: Set(submitted),
            submitted_at: Set(Some(submitted)),
            withdrawn_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (part, body) in [(TITLE, *title), (SUMMARY, *summary)] {
            proposal_text::ActiveModel {
                proposal_id: Set(proposal.id),
                part: Set(part.to_string()),
                body: Set(body.to_string()),
                version: Set(1),
                updated_at: Set(submitted),
                updated_by: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        eligibility_decision::ActiveModel {
            proposal_id: Set(proposal.id),
            eligible: Set(true),
            reason: Set(String::new()),
            decided_by: Set(Some(organizer.id)),
            decided_at: Set(now - Duration::days(265)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        quality.insert(proposal.id, *q);
    }

    // Through the services, as the organizer and the jurors would.
    use crate::judging::{assignments, finals, freeze, publish, selection, shortlists};
    selection::close(db, Some(&org), JUDGED_SLUG, "").await?;
    let weights: HashMap<String, String> = [("desk_evaluation", "40"), ("presentation", "60")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    finals::save_weights(db, Some(&org), JUDGED_SLUG, &weights).await?;
    assignments::run(
        db,
        Some(&org),
        JUDGED_SLUG,
        "desk_evaluation",
        "3",
        "10",
        "2025",
    )
    .await?;
    date_stage(db, competition.id, Stage::DeskEvaluation, -1, 1).await?;
    score(
        db,
        competition.id,
        Stage::DeskEvaluation,
        &jurors,
        &quality,
        1,
    )
    .await?;
    shortlists::fix(
        db,
        Some(&org),
        JUDGED_SLUG,
        "desk_evaluation",
        &ShortlistAsk {
            to: "presentation".to_string(),
            size: "3".to_string(),
            quotas: Vec::new(),
        },
        Lang::Id,
    )
    .await?;
    assignments::run(
        db,
        Some(&org),
        JUDGED_SLUG,
        "presentation",
        "3",
        "10",
        "2025",
    )
    .await?;
    date_stage(db, competition.id, Stage::Presentation, -1, 1).await?;
    // The presentation reverses the desk's order of the last two.
    let mut spoken = quality.clone();
    for q in spoken.values_mut() {
        *q = 14 - *q;
    }
    score(
        db,
        competition.id,
        Stage::Presentation,
        &jurors,
        &spoken,
        -1,
    )
    .await?;
    freeze::freeze(db, Some(&org), JUDGED_SLUG).await?;
    publish::publish(db, Some(&org), JUDGED_SLUG, "1", "1", "").await?;

    // Done long ago.
    for (stage, from, to) in [
        (Stage::DeskEvaluation, -259, -240),
        (Stage::Shortlist, -239, -236),
        (Stage::Presentation, -235, -230),
        (Stage::Results, -229, -228),
    ] {
        date_stage(db, competition.id, stage, from, to).await?;
    }
    tracing::info!("seeded the finished demo competition");
    Ok(true)
}
