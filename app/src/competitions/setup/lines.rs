//! The proposal template's form, one section per line: each line read into a typed
//! value, the first problem as a message key, and the stored sections written back as the
//! form shows them. (Categories, rubrics and prizes are rows: `rows`.)
use super::SectionLine;
use crate::i18n::Key;

const NAME_MAX: usize = 120;

fn parts(line: &str) -> Vec<&str> {
    line.split('|').map(str::trim).collect()
}

fn name_pair<'a>(id: &'a str, en: Option<&'a str>) -> Option<(&'a str, &'a str)> {
    let en = en.filter(|en| !en.is_empty()).unwrap_or(id);
    (!id.is_empty() && id.chars().count() <= NAME_MAX && en.chars().count() <= NAME_MAX)
        .then_some((id, en))
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
}
