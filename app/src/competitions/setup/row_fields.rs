//! Lists edited as rows in the set-up forms (categories, groups, each stage's rubric,
//! prizes): one group of labelled fields per row, its place and a box to remove it, and
//! empty rows to add more. Plain form fields, so they work without JavaScript; for a
//! rubric the `WeightTotal` island keeps the stage's total weight up to date while typing
//! (the server renders it and checks it again on saving).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::rows::{cell, count_field, POSTED_MAX};
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key};
use crate::site::forms::FieldMessages;

/// How a cell is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    Text,
    /// A whole number between the two.
    Number(i32, i32),
    /// A few lines of text.
    Long,
}

/// One column of a list: its field name in a row, its label, how it is typed.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub label: Key,
    pub kind: CellKind,
}

/// The rows of one list. `post_as` is the map the server function reads them from
/// (`rubric`, `options`, `prizes`); `values` what was typed or what is stored
/// (`rows::stored_values`); `row_name` names each row ("Kriteria 2"); with `weights` the
/// list shows its total weight.
#[component]
pub fn RowList(
    list: String,
    post_as: &'static str,
    legend: String,
    hint: Key,
    row_name: Key,
    columns: Vec<Column>,
    values: FieldErrors,
    #[prop(optional)] weights: Option<WeightLabels>,
) -> impl IntoView {
    let lang = use_lang();
    let count = values
        .value(&count_field(&list))
        .parse::<usize>()
        .unwrap_or(super::rows::BLANK_ROWS)
        .min(POSTED_MAX);
    let messages = values.messages(&list);
    let detail = values.detail(&list);
    let rows = (0..count)
        .map(|row| {
            let field = |column: &str| cell(&list, row, column);
            let id = values.value(&field("id"));
            let name = lang.format(row_name, &[("n", &(row + 1).to_string())]);
            let legend = if id.is_empty() {
                lang.format(Key::SetupRowNew, &[("name", &name)])
            } else {
                name.clone()
            };
            let removed = !values.value(&field("remove")).is_empty();
            let remove_id = format!("field-{}", field("remove"));
            view! {
                <fieldset class="row-item">
                    <legend>{legend}</legend>
                    <input type="hidden" name=format!("{post_as}[{}]", field("id")) value=id.clone()/>
                    <div class="row-cells">
                        {columns
                            .iter()
                            .map(|c| view! { <Cell name=field(c.name) post_as column=*c values=values.clone()/> })
                            .collect_view()}
                    </div>
                    <div class="row-tools">
                        <Cell
                            name=field("order")
                            post_as
                            column=Column { name: "order", label: Key::SetupRowOrder, kind: CellKind::Number(1, 999) }
                            values=values.clone()
                        />
                        {(!id.is_empty()).then(|| view! {
                            <div class="checkbox">
                                <input type="checkbox" id=remove_id.clone() name=format!("{post_as}[{}]", field("remove")) value="on" checked=removed data-remove="true"/>
                                <label for=remove_id>{lang.format(Key::SetupRowRemove, &[("name", &name)])}</label>
                            </div>
                        })}
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let total = weights.map(|labels| {
        let sum: i64 = (0..count)
            .filter(|row| values.value(&cell(&list, *row, "remove")).is_empty())
            .filter_map(|row| {
                values
                    .value(&cell(&list, row, "weight"))
                    .trim()
                    .parse::<i64>()
                    .ok()
            })
            .sum();
        (sum, labels)
    });
    let body = view! {
        <p class="hint" id=format!("field-{list}-hint")>{lang.text(hint)}</p>
        <FieldMessages messages id=format!("field-{list}-error")/>
        {detail.map(|d| view! { <p class="field-error">{d}</p> })}
        {rows}
    };
    let count_name = format!("{post_as}[{}]", count_field(&list));
    view! {
        <fieldset class="rows" id=format!("field-{list}") tabindex="-1">
            <legend>{legend}</legend>
            <input type="hidden" name=count_name value=count/>
            {match total {
                Some((sum, labels)) => view! {
                    <WeightTotal sum labels>{body}</WeightTotal>
                }
                .into_any(),
                None => body.into_any(),
            }}
        </fieldset>
    }
}

/// One labelled cell of a row.
#[component]
fn Cell(name: String, post_as: &'static str, column: Column, values: FieldErrors) -> impl IntoView {
    let lang = use_lang();
    let id = format!("field-{name}");
    let messages = values.messages(&name);
    let invalid = !messages.is_empty();
    let value = values.value(&name);
    let described = invalid.then(|| format!("{id}-error"));
    let post = format!("{post_as}[{name}]");
    let control = match column.kind {
        CellKind::Long => view! {
            <textarea id=id.clone() name=post rows=2 aria-describedby=described aria-invalid=invalid.then_some("true")>{value}</textarea>
        }
        .into_any(),
        CellKind::Number(min, max) => view! {
            <input
                id=id.clone()
                name=post
                type="number"
                inputmode="numeric"
                min=min
                max=max
                value=value
                data-weight=(column.name == "weight").then_some("true")
                aria-describedby=described
                aria-invalid=invalid.then_some("true")
            />
        }
        .into_any(),
        CellKind::Text => view! {
            <input id=id.clone() name=post value=value aria-describedby=described aria-invalid=invalid.then_some("true")/>
        }
        .into_any(),
    };
    view! {
        <div class=format!("field cell-{}", column.name) class:field-invalid=invalid>
            <label for=id.clone()>{lang.text(column.label)}</label>
            <FieldMessages messages id=format!("{id}-error")/>
            {control}
        </div>
    }
}

/// Translated words of a stage's weight total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightLabels {
    /// "Jumlah bobot"
    pub total: String,
    /// "sudah 100%"
    pub complete: String,
    /// "harus 100%"
    pub incomplete: String,
    /// "kosong: tahap ini tanpa rubrik"
    pub empty: String,
}

/// The total weight of the rows inside, kept up to date as weights are typed and rows
/// marked for removal (also counting what was typed before the island woke up).
#[island]
pub fn WeightTotal(sum: i64, labels: WeightLabels, children: Children) -> impl IntoView {
    let sum = RwSignal::new(sum);
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(root) = root.get() {
            sum.set(weights_in(&root));
        }
    });
    let on_input = move |_: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = root.get_untracked() {
            sum.set(weights_in(&root));
        }
    };
    let WeightLabels {
        total,
        complete,
        incomplete,
        empty,
    } = labels;
    // No weight at all is a stage without a rubric, which is allowed.
    let off = move || !matches!(sum.get(), 0 | 100);
    view! {
        <div class="weight-rows" node_ref=root on:input=on_input on:change=on_input>
            {children()}
            <p class="weight-total" class:weight-off=off>
                {total}": "
                <span class="weight-sum" aria-live="polite">{move || format!("{}%", sum.get())}</span>
                " · "
                <span>
                    {move || match sum.get() {
                        0 => empty.clone(),
                        100 => complete.clone(),
                        _ => incomplete.clone(),
                    }}
                </span>
            </p>
        </div>
    }
}

/// The weights typed in the rows under `root` that are not marked for removal.
#[cfg(feature = "hydrate")]
fn weights_in(root: &web_sys::Element) -> i64 {
    use wasm_bindgen::JsCast;
    let input = |row: &web_sys::Element, selector: &str| {
        row.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    };
    let Ok(rows) = root.query_selector_all(".row-item") else {
        return 0;
    };
    (0..rows.length())
        .filter_map(|i| rows.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter(|row| !input(row, "input[data-remove]").is_some_and(|b| b.checked()))
        .filter_map(|row| {
            input(&row, "input[data-weight]")?
                .value()
                .trim()
                .parse::<i64>()
                .ok()
        })
        .sum()
}

/// The columns of a category or group.
pub fn option_columns() -> Vec<Column> {
    vec![
        Column {
            name: "name_id",
            label: Key::SetupRowNameId,
            kind: CellKind::Text,
        },
        Column {
            name: "name_en",
            label: Key::SetupRowNameEn,
            kind: CellKind::Text,
        },
    ]
}

/// The columns of a rubric criterion.
pub fn criterion_columns() -> Vec<Column> {
    let mut columns = option_columns();
    columns.extend([
        Column {
            name: "weight",
            label: Key::SetupRowWeight,
            kind: CellKind::Number(1, 100),
        },
        Column {
            name: "scale_min",
            label: Key::SetupRowScaleMin,
            kind: CellKind::Number(0, 100),
        },
        Column {
            name: "scale_max",
            label: Key::SetupRowScaleMax,
            kind: CellKind::Number(0, 100),
        },
        Column {
            name: "description_id",
            label: Key::SetupRowDescriptionId,
            kind: CellKind::Long,
        },
        Column {
            name: "description_en",
            label: Key::SetupRowDescriptionEn,
            kind: CellKind::Long,
        },
    ]);
    columns
}

/// The columns of a prize.
pub fn prize_columns() -> Vec<Column> {
    let mut columns = option_columns();
    columns.push(Column {
        name: "reward",
        label: Key::SetupRowReward,
        kind: CellKind::Text,
    });
    columns
}

/// The columns of a proposal template's section.
pub fn section_columns() -> Vec<Column> {
    vec![
        Column {
            name: "title_id",
            label: Key::SetupRowTitleId,
            kind: CellKind::Text,
        },
        Column {
            name: "title_en",
            label: Key::SetupRowTitleEn,
            kind: CellKind::Text,
        },
        Column {
            name: "word_limit",
            label: Key::SetupRowWordLimit,
            kind: CellKind::Number(10, 5000),
        },
    ]
}

/// A list's fields in the order an error summary lists them (the list itself, then each
/// row's cells and place), with what the summary calls each: "Kriteria 2 (Rubrik
/// Penilaian berkas), Bobot (%)".
pub fn summary_fields(
    lang: crate::i18n::Lang,
    list: &str,
    legend: &str,
    row_name: Key,
    columns: &[Column],
    values: &FieldErrors,
) -> (Vec<String>, Vec<(String, String)>) {
    let count = values
        .value(&count_field(list))
        .parse::<usize>()
        .unwrap_or(0)
        .min(POSTED_MAX);
    let mut fields = vec![list.to_string()];
    let mut names = vec![(list.to_string(), legend.to_string())];
    for row in 0..count {
        let name = lang.format(row_name, &[("n", &(row + 1).to_string())]);
        for (column, label) in columns
            .iter()
            .map(|c| (c.name, c.label))
            .chain([("order", Key::SetupRowOrder)])
        {
            let field = cell(list, row, column);
            names.push((
                field.clone(),
                format!("{name} ({legend}), {}", lang.text(label)),
            ));
            fields.push(field);
        }
    }
    (fields, names)
}
