//! A small, realistic demo so a first start shows a living site. Runs on an empty
//! database only (checked by the demo competition's slug), so it is idempotent.
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

use crate::competitions::{CompetitionKind, CompetitionStatus};
use crate::entities::{competition, organization, team};
use crate::error::AppError;
use crate::organizations::OrganizationKind;

pub const DEMO_SLUG: &str = "kipp-daerah-2027";

struct DemoOrganization {
    name: &'static str,
    kind: OrganizationKind,
    province: &'static str,
    regency: &'static str,
}

const ORGANIZATIONS: [DemoOrganization; 6] = [
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

/// (team name, index of its agency in ORGANIZATIONS)
const TEAMS: [(&str, usize); 3] = [
    ("Tim Adminduk Sekali Klik", 0),
    ("Tim Posyandu Digital Khatulistiwa", 1),
    ("Tim Marelan Tanggap", 2),
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
    let txn = db.begin().await?;
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
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (name, org) in TEAMS {
        team::ActiveModel {
            competition_id: Set(competition.id),
            organization_id: Set(org_ids[org]),
            name: Set(name.to_string()),
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
