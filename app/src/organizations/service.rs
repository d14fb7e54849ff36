//! Managing organizations (admins), finding them by name (everyone), and a person's
//! affiliations.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::{
    AffiliationStatus, OrganizationKind, OrganizationName, OrganizationSummary, RegionRule,
};
use crate::accounts::CurrentUser;
use crate::authz::{service::authorize, Action};
use crate::entities::{affiliation, organization, province, regency, team};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// How many matches a search returns; people refine the words rather than scroll.
pub const SEARCH_LIMIT: u64 = 20;

/// Every region an organization can name, as typed in the region field:
/// `(label, province code, regency code)`.
pub async fn region_choices(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, String, Option<String>)>, AppError> {
    let provinces = province::Entity::find()
        .order_by_asc(province::Column::Name)
        .all(db)
        .await?;
    let names: HashMap<String, String> = provinces
        .iter()
        .map(|p| (p.code.clone(), p.name.clone()))
        .collect();
    let regencies = regency::Entity::find()
        .order_by_asc(regency::Column::Name)
        .all(db)
        .await?;
    let mut out: Vec<(String, String, Option<String>)> = provinces
        .into_iter()
        .map(|p| (p.name, p.code, None))
        .collect();
    out.extend(regencies.into_iter().map(|r| {
        let province = names.get(&r.province_code).cloned().unwrap_or_default();
        (
            super::region_text(Some(&r.name), &province),
            r.province_code,
            Some(r.code),
        )
    }));
    Ok(out)
}

/// The typed region as codes, checked against what the kind of organization needs.
/// The outer error is the database's; the inner one is the message for the field.
pub(crate) async fn resolve_region(
    db: &impl ConnectionTrait,
    text: &str,
    rule: RegionRule,
) -> Result<Result<(Option<String>, Option<String>), Key>, AppError> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Ok(match rule {
            RegionRule::None | RegionRule::Any => Ok((None, None)),
            RegionRule::Province => Err(Key::OrganizationsErrorProvinceRequired),
            RegionRule::Regency => Err(Key::OrganizationsErrorRegencyRequired),
        });
    }
    if rule == RegionRule::None {
        return Ok(Err(Key::OrganizationsErrorNoRegion));
    }
    let wanted = text.to_lowercase();
    let found = region_choices(db)
        .await?
        .into_iter()
        .find(|(label, _, _)| label.to_lowercase() == wanted);
    Ok(match (found, rule) {
        (None, _) => Err(Key::OrganizationsErrorRegionUnknown),
        (Some((_, _, Some(_))), RegionRule::Province) => {
            Err(Key::OrganizationsErrorProvinceRequired)
        }
        (Some((_, _, None)), RegionRule::Regency) => Err(Key::OrganizationsErrorRegencyRequired),
        (Some((_, province, regency)), _) => Ok((Some(province), regency)),
    })
}

/// "Kota Salatiga, Jawa Tengah" for a pair of codes; `None` without a province.
pub async fn region_label(
    db: &impl ConnectionTrait,
    province_code: Option<&str>,
    regency_code: Option<&str>,
) -> Result<Option<String>, AppError> {
    let Some(province_code) = province_code else {
        return Ok(None);
    };
    let province = province::Entity::find_by_id(province_code.to_string())
        .one(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let regency = match regency_code {
        Some(code) => regency::Entity::find_by_id(code.to_string())
            .one(db)
            .await?
            .map(|r| r.name),
        None => None,
    };
    Ok(Some(super::region_text(regency.as_deref(), &province)))
}

/// The region label of one organization row.
async fn region_labels(
    db: &impl ConnectionTrait,
    rows: &[organization::Model],
) -> Result<HashMap<i32, String>, AppError> {
    let provinces: HashMap<String, String> = province::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.code, p.name))
        .collect();
    let codes: Vec<String> = rows.iter().filter_map(|r| r.regency_code.clone()).collect();
    let regencies: HashMap<String, String> = if codes.is_empty() {
        HashMap::new()
    } else {
        regency::Entity::find()
            .filter(regency::Column::Code.is_in(codes))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.code, r.name))
            .collect()
    };
    Ok(rows
        .iter()
        .map(|row| {
            let province = row
                .province_code
                .as_ref()
                .and_then(|c| provinces.get(c))
                .cloned()
                .unwrap_or_default();
            let regency = row.regency_code.as_ref().and_then(|c| regencies.get(c));
            let label = super::region_text(regency.map(String::as_str), &province);
            (row.id, label)
        })
        .collect())
}

pub(crate) async fn summaries(
    db: &impl ConnectionTrait,
    rows: Vec<organization::Model>,
) -> Result<Vec<OrganizationSummary>, AppError> {
    let mut labels = region_labels(db, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|row| OrganizationSummary {
            region: labels.remove(&row.id).unwrap_or_default(),
            id: row.id,
            name: row.name,
            kind: row.kind,
        })
        .collect())
}

/// `LIKE` pattern for a word, with the wildcard characters taken literally.
fn contains_pattern(word: &str) -> LikeExpr {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

fn lower_name() -> Expr {
    Expr::expr(Func::lower(Expr::col(organization::Column::Name)))
}

/// The abbreviations people type for agencies ("Dukcapil", "Bappeda", "RSUD") and what
/// they stand for, shipped with the region data (`resources/agency-synonyms.csv`).
const SYNONYMS_CSV: &str = include_str!("../../../resources/agency-synonyms.csv");

/// What an abbreviation stands for, lower-case, if it is one.
fn expansion(word: &str) -> Option<&'static str> {
    SYNONYMS_CSV
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(','))
        .find(|(abbreviation, _)| *abbreviation == word)
        .map(|(_, means)| means.trim())
}

/// Organizations whose name holds every word of `query` (any case), by name. A word that
/// is a known abbreviation also matches what it stands for: "dukcapil salatiga" finds
/// "Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga".
#[tracing::instrument(skip(db))]
pub async fn search(
    db: &DatabaseConnection,
    query: &str,
    limit: u64,
) -> Result<Vec<OrganizationSummary>, AppError> {
    let words: Vec<String> = query
        .split_whitespace()
        .take(8)
        .map(|w| w.to_lowercase())
        .collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut select = organization::Entity::find();
    for word in &words {
        let mut either = Condition::any().add(lower_name().like(contains_pattern(word)));
        if let Some(means) = expansion(word) {
            either = either.add(lower_name().like(contains_pattern(means)));
        }
        select = select.filter(either);
    }
    let rows = select
        .order_by_asc(organization::Column::Name)
        .limit(limit)
        .all(db)
        .await?;
    summaries(db, rows).await
}

/// The organization with exactly this name (any case), if there is one.
pub async fn find_by_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<organization::Model>, AppError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(organization::Entity::find()
        .filter(ExprTrait::eq(lower_name(), name.to_lowercase()))
        .one(db)
        .await?)
}

/// What the admin's organization form sends.
pub struct OrganizationForm {
    pub name: String,
    pub kind: String,
    pub region: String,
}

/// Checks the form; the active model's fields apart from the id and creation time.
async fn parse_form(
    db: &DatabaseConnection,
    form: &OrganizationForm,
    editing: Option<i32>,
) -> Result<
    (
        OrganizationName,
        OrganizationKind,
        Option<String>,
        Option<String>,
    ),
    AppError,
> {
    let mut errors = FieldErrors::new();
    errors.keep("name", &form.name);
    errors.keep("kind", &form.kind);
    errors.keep("region", &form.region);
    let name = errors.check("name", OrganizationName::parse(&form.name));
    let kind = errors.check(
        "kind",
        OrganizationKind::parse(&form.kind).ok_or(Key::OrganizationsErrorKindRequired),
    );
    if let Some(name) = &name {
        if let Some(existing) = find_by_name(db, name.as_str()).await? {
            if Some(existing.id) != editing {
                errors.add("name", Key::OrganizationsErrorNameTaken);
            }
        }
    }
    let region = match kind {
        Some(kind) => errors.check(
            "region",
            resolve_region(db, &form.region, kind.region_rule()).await?,
        ),
        None => None,
    };
    match (name, kind, region) {
        (Some(name), Some(kind), Some((province, regency))) if !errors.has_errors() => {
            Ok((name, kind, province, regency))
        }
        _ => Err(AppError::Validation(errors)),
    }
}

#[tracing::instrument(skip(db, by, form))]
pub async fn create(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    form: OrganizationForm,
) -> Result<i32, AppError> {
    authorize(db, by, Action::ManageOrganizations).await?;
    let (name, kind, province, regency) = parse_form(db, &form, None).await?;
    let row = organization::ActiveModel {
        name: Set(name.as_str().to_string()),
        kind: Set(kind),
        province_code: Set(province),
        regency_code: Set(regency),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

#[tracing::instrument(skip(db, by, form))]
pub async fn update(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    id: i32,
    form: OrganizationForm,
) -> Result<(), AppError> {
    authorize(db, by, Action::ManageOrganizations).await?;
    let row = organization::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (name, kind, province, regency) = parse_form(db, &form, Some(id)).await?;
    let mut row: organization::ActiveModel = row.into();
    row.name = Set(name.as_str().to_string());
    row.kind = Set(kind);
    row.province_code = Set(province);
    row.regency_code = Set(regency);
    row.update(db).await?;
    Ok(())
}

/// Removes an organization nobody belongs to and no team names.
#[tracing::instrument(skip(db, by))]
pub async fn delete(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    id: i32,
) -> Result<(), AppError> {
    authorize(db, by, Action::ManageOrganizations).await?;
    let members = affiliation::Entity::find()
        .filter(affiliation::Column::OrganizationId.eq(id))
        .filter(
            affiliation::Column::Status
                .is_in([AffiliationStatus::Requested, AffiliationStatus::Approved]),
        )
        .count(db)
        .await?;
    let teams = team::Entity::find()
        .filter(team::Column::OrganizationId.eq(id))
        .count(db)
        .await?;
    if members + teams > 0 {
        return Err(AppError::field(
            "organization",
            Key::OrganizationsErrorInUse,
        ));
    }
    // Nobody belongs: the ties that ended (and their record) go with the organization.
    let txn = crate::db::begin_write(db).await?;
    affiliation::Entity::delete_many()
        .filter(affiliation::Column::OrganizationId.eq(id))
        .exec(&txn)
        .await?;
    // A partner of a competition, a challenge's poster, an earlier award: still in use.
    let result = crate::error::still_referenced_or(
        organization::Entity::delete_by_id(id).exec(&txn).await,
        "organization",
        Key::OrganizationsErrorInUse,
    )?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    txn.commit().await?;
    Ok(())
}

/// One organization for the admin's edit form.
pub async fn get(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    id: i32,
) -> Result<OrganizationSummary, AppError> {
    authorize(db, by, Action::ManageOrganizations).await?;
    let row = organization::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    summaries(db, vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// The admin's list: matches for `query` (or the newest), with member counts.
pub async fn admin_list(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    query: &str,
) -> Result<(Vec<(OrganizationSummary, u64)>, u64), AppError> {
    authorize(db, by, Action::ManageOrganizations).await?;
    let found = if query.trim().is_empty() {
        let rows = organization::Entity::find()
            .order_by_desc(organization::Column::CreatedAt)
            .order_by_desc(organization::Column::Id)
            .limit(50)
            .all(db)
            .await?;
        summaries(db, rows).await?
    } else {
        search(db, query, 50).await?
    };
    let total = organization::Entity::find().count(db).await?;
    // One grouped count for the whole page, not one query per row.
    let ids: Vec<i32> = found.iter().map(|o| o.id).collect();
    let counts: HashMap<i32, i64> = affiliation::Entity::find()
        .select_only()
        .column(affiliation::Column::OrganizationId)
        .column_as(affiliation::Column::Id.count(), "members")
        .filter(affiliation::Column::OrganizationId.is_in(ids))
        .filter(affiliation::Column::Status.eq(AffiliationStatus::Approved))
        .group_by(affiliation::Column::OrganizationId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let out = found
        .into_iter()
        .map(|org| {
            let members = counts.get(&org.id).copied().unwrap_or(0) as u64;
            (org, members)
        })
        .collect();
    Ok((out, total))
}

/// One organization by id, as lists show it.
pub(crate) async fn organization_summary(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<OrganizationSummary, AppError> {
    let row = organization::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    summaries(db, vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::expansion;

    #[test]
    fn abbreviations_people_type_stand_for_the_full_name() {
        assert_eq!(
            expansion("dukcapil"),
            Some("kependudukan dan pencatatan sipil")
        );
        assert_eq!(expansion("rsud"), Some("rumah sakit umum daerah"));
        assert_eq!(expansion("salatiga"), None);
    }
}
