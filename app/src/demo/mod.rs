//! A small, realistic demo so a first start shows a living site. Runs on an empty
//! database only (checked by the demo competition's slug), so it is idempotent.
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::competitions::{CompetitionKind, CompetitionStatus, OptionKind, Stage};
use crate::entities::{
    challenge, competition, competition_option, competition_partner, competition_stage,
    organization, prize, rubric_criterion, team,
};
use crate::error::AppError;
use crate::organizations::OrganizationKind;

pub mod judged;

pub const DEMO_SLUG: &str = "kipp-daerah-2027";

pub(crate) struct DemoOrganization {
    name: &'static str,
    kind: OrganizationKind,
    province: &'static str,
    regency: &'static str,
}

pub(crate) const ORGANIZATIONS: [DemoOrganization; 6] = [
    DemoOrganization {
        name: "Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga",
        kind: OrganizationKind::AgencyUnit,
        province: "33",
        regency: "33.73",
    },
    DemoOrganization {
        name: "Dinas Kesehatan Kota Pontianak",
        kind: OrganizationKind::AgencyUnit,
        province: "61",
        regency: "61.71",
    },
    DemoOrganization {
        name: "Kecamatan Medan Marelan",
        kind: OrganizationKind::AgencyUnit,
        province: "12",
        regency: "12.71",
    },
    DemoOrganization {
        name: "Pemerintah Kota Salatiga",
        kind: OrganizationKind::Regency,
        province: "33",
        regency: "33.73",
    },
    DemoOrganization {
        name: "Universitas Kristen Satya Wacana",
        kind: OrganizationKind::University,
        province: "33",
        regency: "33.73",
    },
    DemoOrganization {
        name: "Universitas Tanjungpura",
        kind: OrganizationKind::University,
        province: "61",
        regency: "61.71",
    },
];

pub(crate) const CATEGORIES: [(&str, &str); 4] = [
    ("Kesehatan", "Health"),
    ("Administrasi kependudukan", "Civil registration"),
    ("Perizinan", "Licensing"),
    ("Layanan digital", "Digital services"),
];
const GROUPS: [(&str, &str); 2] = [("Umum", "General"), ("Khusus", "Special")];
/// Each stage's first and last day, counted from the seeding day (registration ends on
/// day 45, as `registration_closes_at` says).
const STAGE_DAYS: [(i64, i64); 9] = [
    (-5, 45),
    (46, 75),
    (76, 85),
    (86, 100),
    (101, 105),
    (106, 112),
    (113, 120),
    (121, 130),
    (135, 136),
];

/// (team name, index of its agency in ORGANIZATIONS)
const TEAMS: [(&str, usize); 3] = [
    ("Tim Adminduk Sekali Klik", 0),
    ("Tim Posyandu Digital Khatulistiwa", 1),
    ("Tim Marelan Tanggap", 2),
];

/// The desk evaluation's rubric: (name id, name en, weight, description id, description en).
pub(crate) const RUBRIC: [(&str, &str, i32, &str, &str); 4] = [
    (
        "Kebaruan",
        "Novelty",
        25,
        "Seberapa baru gagasan ini di daerahnya.",
        "How new the idea is in its region.",
    ),
    (
        "Manfaat bagi warga",
        "Benefit to citizens",
        35,
        "Perubahan layanan yang dirasakan warga, dengan data.",
        "The change citizens feel in the service, with data.",
    ),
    (
        "Keberlanjutan",
        "Sustainability",
        20,
        "Anggaran, aturan, dan orang yang menjaga inovasi tetap berjalan.",
        "Budget, rules and people that keep it running.",
    ),
    (
        "Dapat ditiru",
        "Replicability",
        20,
        "Seberapa mudah daerah lain menerapkannya.",
        "How easily other regions can adopt it.",
    ),
];

const PRIZES: [(&str, &str, &str); 3] = [
    (
        "Juara 1",
        "First place",
        "Rp 50.000.000 dan pendampingan replikasi",
    ),
    ("Juara 2", "Second place", "Rp 30.000.000"),
    ("Juara 3", "Third place", "Rp 20.000.000"),
];

/// (organization index, title, problem, data offered, contact, prize)
const CHALLENGES: [(usize, &str, &str, &str, &str, &str); 2] = [
    (
        1,
        "Antrean pasien puskesmas yang bisa diperkirakan",
        "Pasien puskesmas di Kota Pontianak menunggu rata-rata dua jam tanpa tahu kapan dipanggil. Kami mencari cara agar warga tahu perkiraan waktu panggilan sebelum berangkat, tanpa menambah beban petugas.\n\nKeberhasilan: waktu tunggu di ruang tunggu turun separuh di dua puskesmas uji coba.",
        "Data kunjungan harian 23 puskesmas 2024–2026 (tanpa identitas pasien), dalam CSV. API antrean SIMPUS untuk uji coba.",
        "Bidang Pelayanan Kesehatan, yankes@dinkes.pontianak.go.id",
        "Rp 15.000.000 dan uji coba di dua puskesmas",
    ),
    (
        0,
        "Akta kelahiran terbit sebelum ibu pulang dari rumah sakit",
        "Banyak bayi baru tercatat berbulan-bulan setelah lahir karena orang tua harus datang ke kantor dinas. Kami ingin akta, KK baru dan KIA terbit dari rumah sakit bersalin dalam satu kali pengajuan.",
        "Spesifikasi layanan web pencatatan kelahiran (sandbox), daftar 9 rumah sakit dan klinik bersalin mitra.",
        "Seksi Kelahiran, 0298-123456",
        "",
    ),
];

/// Seeds the demo unless it is already there.
#[tracing::instrument(skip(db))]
pub async fn seed(db: &DatabaseConnection) -> Result<bool, AppError> {
    let existing = competition::Entity::find()
        .filter(competition::Column::Slug.eq(DEMO_SLUG))
        .one(db)
        .await?;
    if existing.is_some() {
        return Ok(false);
    }
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let mut org_ids = Vec::new();
    for org in &ORGANIZATIONS {
        let row = organization::ActiveModel {
            name: Set(org.name.to_string()),
            kind: Set(org.kind),
            province_code: Set(Some(org.province.to_string())),
            regency_code: Set(Some(org.regency.to_string())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        org_ids.push(row.id);
    }
    let competition = competition::ActiveModel {
        slug: Set(DEMO_SLUG.to_string()),
        kind: Set(CompetitionKind::Innovation),
        status: Set(CompetitionStatus::Published),
        title_id: Set("Kompetisi Inovasi Pelayanan Publik Daerah 2027".to_string()),
        title_en: Set("Regional Public Service Innovation Competition 2027".to_string()),
        summary_id: Set("Kompetisi bagi ASN pemerintah daerah untuk menampilkan inovasi pelayanan publik yang telah berjalan minimal satu tahun: kesehatan, kependudukan, perizinan, dan layanan digital. Finalis dinilai juri independen dan pemenang tampil di galeri inovasi.".to_string()),
        summary_en: Set("A competition for regional civil servants to present public-service innovations that have been running for at least a year: health, civil registration, licensing and digital services. Finalists are judged by independent jurors and the winners join the innovation gallery.".to_string()),
        registration_closes_at: Set(now + Duration::days(45)),
        created_at: Set(now),
        description_id: Set("Inovasi dinilai dari kebaruan, manfaat bagi warga, keberlanjutan, dan kemungkinan ditiru daerah lain. Tim mendaftar bersama instansinya, menulis proposal terstruktur, dan dapat didampingi dosen perguruan tinggi mitra.".to_string()),
        description_en: Set("Innovations are judged on novelty, benefit to citizens, sustainability and how easily other regions can replicate them. Teams register with their agency, write a structured proposal, and may be mentored by lecturers from partner universities.".to_string()),
        rules_id: Set("Inovasi telah berjalan paling sedikit 12 bulan. Tim beranggota 1 sampai 5 ASN dari satu instansi. Inovasi yang pernah menang dua kali tidak dapat diikutkan.".to_string()),
        rules_en: Set("The innovation has been running for at least 12 months. Teams have 1 to 5 civil servants from one agency. Innovations that have already won twice cannot enter.".to_string()),
        team_min: Set(1),
        team_max: Set(5),
        published_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (kind, names) in [
        (OptionKind::Category, &CATEGORIES[..]),
        (OptionKind::Group, &GROUPS[..]),
    ] {
        for (position, (name_id, name_en)) in names.iter().enumerate() {
            competition_option::ActiveModel {
                competition_id: Set(competition.id),
                kind: Set(kind),
                position: Set(position as i32),
                name_id: Set(name_id.to_string()),
                name_en: Set(name_en.to_string()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    for (stage, (from, to)) in Stage::ALL.into_iter().zip(STAGE_DAYS) {
        competition_stage::ActiveModel {
            competition_id: Set(competition.id),
            stage: Set(stage),
            starts_at: Set(now + Duration::days(from)),
            ends_at: Set(now + Duration::days(to)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for (position, (name_id, name_en, weight, description_id, description_en)) in
        RUBRIC.into_iter().enumerate()
    {
        rubric_criterion::ActiveModel {
            competition_id: Set(competition.id),
            stage: Set(Stage::DeskEvaluation),
            position: Set(position as i32),
            name_id: Set(name_id.to_string()),
            name_en: Set(name_en.to_string()),
            description_id: Set(description_id.to_string()),
            description_en: Set(description_en.to_string()),
            weight: Set(weight),
            scale_min: Set(1),
            scale_max: Set(10),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for (position, (name_id, name_en, reward)) in PRIZES.into_iter().enumerate() {
        prize::ActiveModel {
            competition_id: Set(competition.id),
            position: Set(position as i32),
            name_id: Set(name_id.to_string()),
            name_en: Set(name_en.to_string()),
            reward: Set(reward.to_string()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    // The two universities mentor; they are the demo's partners.
    for (position, org) in [4usize, 5].into_iter().enumerate() {
        competition_partner::ActiveModel {
            competition_id: Set(competition.id),
            organization_id: Set(org_ids[org]),
            position: Set(position as i32),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for (org, title, problem, data, contact, prize) in CHALLENGES {
        challenge::ActiveModel {
            competition_id: Set(competition.id),
            organization_id: Set(org_ids[org]),
            posted_by: Set(None),
            title: Set(title.to_string()),
            problem: Set(problem.to_string()),
            data_offered: Set(data.to_string()),
            contact: Set(contact.to_string()),
            prize: Set(prize.to_string()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for (name, org) in TEAMS {
        team::ActiveModel {
            competition_id: Set(competition.id),
            organization_id: Set(org_ids[org]),
            name: Set(name.to_string()),
            name_key: Set(name.to_lowercase()),
            province_code: Set(Some(ORGANIZATIONS[org].province.to_string())),
            regency_code: Set(Some(ORGANIZATIONS[org].regency.to_string())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    tracing::info!("seeded the demo competition");
    Ok(true)
}

/// One demo account, as printed at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoAccount {
    /// What the account can do, in a few words (for the console).
    pub role: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub password: String,
}

/// (role, name, email)
const ACCOUNTS: [(&str, &str, &str); 7] = [
    (
        "platform admin",
        "Admin Sayembara",
        "admin@demo.sayembara.id",
    ),
    (
        "organizer of kipp-daerah-2027 and kipp-daerah-2025",
        "Penyelenggara KIPP",
        "penyelenggara@demo.sayembara.id",
    ),
    (
        "juror of kipp-daerah-2027",
        "Juri KIPP",
        "juri@demo.sayembara.id",
    ),
    (
        "mentor of kipp-daerah-2027",
        "Dosen Pendamping",
        "pendamping@demo.sayembara.id",
    ),
    (
        "admin of Pemerintah Kota Salatiga",
        "Admin Organisasi Salatiga",
        "admin.salatiga@demo.sayembara.id",
    ),
    (
        "participant, lead of Tim Adminduk Sekali Klik",
        "Peserta Ketua",
        "peserta1@demo.sayembara.id",
    ),
    (
        "participant without a team",
        "Peserta Baru",
        "peserta2@demo.sayembara.id",
    ),
];

/// Creates one verified account per role for people exploring the demo, each with a
/// fresh random password, and returns them (to print once). Nothing when they exist
/// already. The server calls it only for the demo on a loopback address.
#[tracing::instrument(skip(db))]
pub async fn seed_accounts(db: &DatabaseConnection) -> Result<Vec<DemoAccount>, AppError> {
    use crate::accounts::domain::{Email, Password};
    use crate::authz::Role;
    use crate::entities::{affiliation, competition_role, team, team_member, user_account};
    use crate::organizations::AffiliationStatus;

    let exists = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(ACCOUNTS[0].2))
        .one(db)
        .await?;
    let Some(competition) = competition::Entity::find()
        .filter(competition::Column::Slug.eq(DEMO_SLUG))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    if exists.is_some() {
        return Ok(Vec::new());
    }
    let mut accounts = Vec::new();
    let mut hashes = Vec::new();
    for (role, name, email) in ACCOUNTS {
        // Sixteen characters of a random token: easy to copy, hard to guess.
        let password: String = crate::accounts::tokens::new_token()
            .chars()
            .take(16)
            .collect();
        let parsed = Password::parse(&password).map_err(|_| AppError::Internal)?;
        hashes.push(crate::accounts::service::hash_password(parsed).await?);
        accounts.push(DemoAccount {
            role,
            name,
            email,
            password,
        });
    }
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let mut ids = Vec::new();
    for (account, hash) in accounts.iter().zip(hashes) {
        let email = Email::parse(account.email).map_err(|_| AppError::Internal)?;
        let mut row = crate::accounts::service::new_account(
            &email,
            account.name,
            Some(hash),
            Some(now),
            crate::i18n::Lang::Id,
        );
        row.is_admin = Set(account.email == ACCOUNTS[0].2);
        ids.push(row.insert(&txn).await?.id);
    }
    for (index, role) in [(1, Role::Organizer), (2, Role::Juror), (3, Role::Mentor)] {
        competition_role::ActiveModel {
            competition_id: Set(competition.id),
            user_id: Set(ids[index]),
            role: Set(role),
            granted_by: Set(Some(ids[0])),
            granted_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    // The organizer also runs the finished competition, to show its results pages.
    let finished = competition::Entity::find()
        .filter(competition::Column::Slug.eq(judged::JUDGED_SLUG))
        .one(&txn)
        .await?;
    if let Some(finished) = finished {
        competition_role::ActiveModel {
            competition_id: Set(finished.id),
            user_id: Set(ids[1]),
            role: Set(Role::Organizer),
            granted_by: Set(Some(ids[0])),
            granted_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let salatiga = organization::Entity::find()
        .filter(organization::Column::Name.eq("Pemerintah Kota Salatiga"))
        .one(&txn)
        .await?;
    if let Some(salatiga) = salatiga {
        affiliation::ActiveModel {
            user_id: Set(ids[4]),
            organization_id: Set(salatiga.id),
            created_at: Set(now),
            status: Set(AffiliationStatus::Approved),
            is_admin: Set(true),
            decided_by: Set(Some(ids[0])),
            decided_at: Set(Some(now)),
            confirmed_nip: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let led = team::Entity::find()
        .filter(team::Column::CompetitionId.eq(competition.id))
        .filter(team::Column::Name.eq(TEAMS[0].0))
        .one(&txn)
        .await?;
    if let Some(led) = led {
        let lead = ids[5];
        let mut row: team::ActiveModel = led.clone().into();
        row.lead_user_id = Set(Some(lead));
        row.update(&txn).await?;
        team_member::ActiveModel {
            team_id: Set(led.id),
            competition_id: Set(competition.id),
            user_id: Set(lead),
            joined_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(accounts)
}
