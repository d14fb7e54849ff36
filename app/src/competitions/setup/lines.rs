//! The set-up forms that take one item per line (categories and groups, each judged
//! stage's rubric, prizes, the proposal template): each line read into a typed value, the
//! first problem as a message key for its field, and the stored values written back as
//! the form shows them.
use super::{Criterion, OptionName, PrizeLine, SectionLine};
use crate::i18n::Key;

/// At most this many categories (or groups).
pub const MAX_OPTIONS: usize = 30;

/// Lines of `Indonesian | English` (the English part optional: then the same name).
pub fn parse_options(input: &str) -> Result<Vec<OptionName>, Key> {
    let mut out: Vec<OptionName> = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (id, en) = match line.split_once('|') {
            Some((id, en)) => (id.trim(), en.trim()),
            None => (line, line),
        };
        let en = if en.is_empty() { id } else { en };
        if id.is_empty() || id.chars().count() > 120 || en.chars().count() > 120 {
            return Err(Key::SetupErrorOptionInvalid);
        }
        if out.iter().any(|o| o.id.eq_ignore_ascii_case(id)) {
            return Err(Key::SetupErrorOptionDuplicate);
        }
        out.push(OptionName {
            id: id.to_string(),
            en: en.to_string(),
        });
    }
    if out.len() > MAX_OPTIONS {
        return Err(Key::SetupErrorOptionTooMany);
    }
    Ok(out)
}

/// The form's text for options, one per line.
pub fn format_options(options: &[OptionName]) -> String {
    options
        .iter()
        .map(|o| {
            if o.id == o.en {
                o.id.clone()
            } else {
                format!("{} | {}", o.id, o.en)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// At most this many criteria per stage, and prizes or partners per competition.
pub const MAX_CRITERIA: usize = 20;
pub const MAX_PRIZES: usize = 20;
pub const MAX_PARTNERS: usize = 30;
const NAME_MAX: usize = 120;
const CRITERION_TEXT_MAX: usize = 1000;
const REWARD_MAX: usize = 200;

fn parts(line: &str) -> Vec<&str> {
    line.split('|').map(str::trim).collect()
}

fn name_pair<'a>(id: &'a str, en: Option<&'a str>) -> Option<(&'a str, &'a str)> {
    let en = en.filter(|en| !en.is_empty()).unwrap_or(id);
    (!id.is_empty() && id.chars().count() <= NAME_MAX && en.chars().count() <= NAME_MAX)
        .then_some((id, en))
}

/// A stage's rubric, one criterion per line; the weights must add up to 100.
pub fn parse_criteria(input: &str) -> Result<Vec<Criterion>, Key> {
    let mut out: Vec<Criterion> = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let p = parts(line);
        if p.len() < 4 || p.len() > 6 {
            return Err(Key::SetupErrorCriterionFormat);
        }
        let (name_id, name_en) =
            name_pair(p[0], Some(p[1])).ok_or(Key::SetupErrorCriterionFormat)?;
        let weight = p[2]
            .trim_end_matches('%')
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|w| (1..=100).contains(w))
            .ok_or(Key::SetupErrorCriterionWeight)?;
        let (scale_min, scale_max) = p[3]
            .split_once('-')
            .and_then(|(a, b)| Some((a.trim().parse::<i32>().ok()?, b.trim().parse::<i32>().ok()?)))
            .filter(|(a, b)| *a >= 0 && a < b && *b <= 100)
            .ok_or(Key::SetupErrorCriterionScale)?;
        let description_id = p.get(4).copied().unwrap_or("");
        let description_en = p
            .get(5)
            .copied()
            .filter(|d| !d.is_empty())
            .unwrap_or(description_id);
        if description_id.chars().count() > CRITERION_TEXT_MAX
            || description_en.chars().count() > CRITERION_TEXT_MAX
        {
            return Err(Key::SetupErrorCriterionFormat);
        }
        if out.iter().any(|c| c.name_id.eq_ignore_ascii_case(name_id)) {
            return Err(Key::SetupErrorCriterionDuplicate);
        }
        out.push(Criterion {
            name_id: name_id.to_string(),
            name_en: name_en.to_string(),
            weight,
            scale_min,
            scale_max,
            description_id: description_id.to_string(),
            description_en: description_en.to_string(),
        });
    }
    if out.len() > MAX_CRITERIA {
        return Err(Key::SetupErrorCriterionTooMany);
    }
    if !out.is_empty() && out.iter().map(|c| c.weight).sum::<i32>() != 100 {
        return Err(Key::SetupErrorCriterionTotal);
    }
    Ok(out)
}

/// The form's text for a stage's rubric.
pub fn format_criteria(criteria: &[Criterion]) -> String {
    criteria
        .iter()
        .map(|c| {
            let mut line = format!(
                "{} | {} | {} | {}-{}",
                c.name_id, c.name_en, c.weight, c.scale_min, c.scale_max
            );
            if !c.description_id.is_empty() {
                line.push_str(&format!(" | {}", c.description_id));
                if c.description_en != c.description_id {
                    line.push_str(&format!(" | {}", c.description_en));
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn parse_prizes(input: &str) -> Result<Vec<PrizeLine>, Key> {
    let mut out = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let p = parts(line);
        let (name_id, name_en, reward) = match p.as_slice() {
            [id, reward] => (*id, *id, *reward),
            [id, en, reward] => (*id, *en, *reward),
            _ => return Err(Key::SetupErrorPrizeFormat),
        };
        let (name_id, name_en) =
            name_pair(name_id, Some(name_en)).ok_or(Key::SetupErrorPrizeFormat)?;
        if reward.is_empty() || reward.chars().count() > REWARD_MAX {
            return Err(Key::SetupErrorPrizeFormat);
        }
        out.push(PrizeLine {
            name_id: name_id.to_string(),
            name_en: name_en.to_string(),
            reward: reward.to_string(),
        });
    }
    if out.len() > MAX_PRIZES {
        return Err(Key::SetupErrorPrizeTooMany);
    }
    Ok(out)
}

pub fn format_prizes(prizes: &[PrizeLine]) -> String {
    prizes
        .iter()
        .map(|p| format!("{} | {} | {}", p.name_id, p.name_en, p.reward))
        .collect::<Vec<_>>()
        .join("\n")
}

pub const MAX_SECTIONS: usize = 30;

pub fn parse_template(input: &str) -> Result<Vec<SectionLine>, Key> {
    let mut out = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let p = parts(line);
        let [id, en, limit] = p.as_slice() else {
            return Err(Key::SetupErrorSectionFormat);
        };
        let (title_id, title_en) = name_pair(id, Some(en)).ok_or(Key::SetupErrorSectionFormat)?;
        let word_limit = limit
            .parse::<i32>()
            .ok()
            .filter(|n| (10..=5000).contains(n))
            .ok_or(Key::SetupErrorSectionLimit)?;
        out.push(SectionLine {
            title_id: title_id.to_string(),
            title_en: title_en.to_string(),
            word_limit,
        });
    }
    if out.is_empty() {
        return Err(Key::SetupErrorSectionsRequired);
    }
    if out.len() > MAX_SECTIONS {
        return Err(Key::SetupErrorSectionsTooMany);
    }
    Ok(out)
}

pub fn format_template(sections: &[SectionLine]) -> String {
    sections
        .iter()
        .map(|s| format!("{} | {} | {}", s.title_id, s.title_en, s.word_limit))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_one_per_line_in_two_languages() {
        let options =
            parse_options("Kesehatan | Health\n\n  Perizinan  \nLayanan digital|Digital services")
                .unwrap();
        assert_eq!(options.len(), 3);
        assert_eq!(options[0].en, "Health");
        assert_eq!(options[1].en, "Perizinan");
        assert_eq!(
            format_options(&options),
            "Kesehatan | Health\nPerizinan\nLayanan digital | Digital services"
        );
        assert_eq!(parse_options("A\na"), Err(Key::SetupErrorOptionDuplicate));
        assert_eq!(
            parse_options(" | Health"),
            Err(Key::SetupErrorOptionInvalid)
        );
        let many = (0..31)
            .map(|i| format!("K{i}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(parse_options(&many), Err(Key::SetupErrorOptionTooMany));
    }

    #[test]
    fn rubric_lines_carry_weight_scale_and_descriptions() {
        let criteria = parse_criteria(
            "Kebaruan | Novelty | 40 | 1-10 | Seberapa baru | How new\nManfaat | Benefit | 60% | 0-100",
        )
        .unwrap();
        assert_eq!(criteria.len(), 2);
        assert_eq!((criteria[0].scale_min, criteria[0].scale_max), (1, 10));
        assert_eq!(criteria[1].weight, 60);
        assert_eq!(criteria[1].description_en, "");
        assert_eq!(
            parse_criteria(&format_criteria(&criteria)).unwrap(),
            criteria
        );
        assert_eq!(parse_criteria("").unwrap(), vec![]);
        for (bad, key) in [
            ("Kebaruan | Novelty | 40", Key::SetupErrorCriterionFormat),
            (
                "Kebaruan | Novelty | 0 | 1-10",
                Key::SetupErrorCriterionWeight,
            ),
            (
                "Kebaruan | Novelty | 100 | 10-1",
                Key::SetupErrorCriterionScale,
            ),
            (
                "Kebaruan | Novelty | 100 | satu",
                Key::SetupErrorCriterionScale,
            ),
            (
                "Kebaruan | Novelty | 90 | 1-10",
                Key::SetupErrorCriterionTotal,
            ),
            (
                "A | A | 50 | 1-5\na | a | 50 | 1-5",
                Key::SetupErrorCriterionDuplicate,
            ),
        ] {
            assert_eq!(parse_criteria(bad), Err(key), "{bad}");
        }
    }

    #[test]
    fn template_lines_carry_titles_and_word_limits() {
        let sections =
            parse_template("Latar belakang | Background | 500\nKebaruan | Novelty | 400").unwrap();
        assert_eq!(sections[1].word_limit, 400);
        assert_eq!(
            parse_template(&format_template(&sections)).unwrap(),
            sections
        );
        assert_eq!(parse_template(""), Err(Key::SetupErrorSectionsRequired));
        assert_eq!(
            parse_template("Latar | Background"),
            Err(Key::SetupErrorSectionFormat)
        );
        assert_eq!(
            parse_template("Latar | Background | 5"),
            Err(Key::SetupErrorSectionLimit)
        );
    }

    #[test]
    fn prizes_have_a_name_and_a_reward() {
        let prizes =
            parse_prizes("Juara 1 | First place | Rp 50.000.000\nFavorit | Sertifikat").unwrap();
        assert_eq!(prizes[1].name_en, "Favorit");
        assert_eq!(prizes[1].reward, "Sertifikat");
        assert_eq!(parse_prizes(&format_prizes(&prizes)).unwrap(), prizes);
        assert_eq!(parse_prizes("Juara 1"), Err(Key::SetupErrorPrizeFormat));
        assert_eq!(
            parse_prizes("Juara 1 | First |"),
            Err(Key::SetupErrorPrizeFormat)
        );
    }
}
