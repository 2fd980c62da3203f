//! `[schema] extends = "raft-metrics"`: a team's file laid over the base schema as TOML, before
//! anything is read from either, so every later step sees one schema.
//!
//! - `[schema]` and `[kubernetes]`: each key the team gives replaces the base's.
//! - Arrays of tables (`[[metric]]`, `[[alert]]`, ...): an entry named as one of the base's
//!   patches it (its keys replace the base's, key by key); any other entry is added.
//! - Every value keeps the span of the file it came from. The base's spans are shifted past the
//!   team's text, so a diagnostic's offset tells which file it is in (`diag::Report::locate`).

use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use crate::diag::{suggest, Diagnostic, Sink};

/// The key that names an entry of each array of tables.
const IDENTITY: &[(&str, &str)] = &[
    ("group", "id"),
    ("label", "name"),
    ("scope", "name"),
    ("metric", "name"),
    ("alert", "name"),
    ("slo", "name"),
    ("overview_row", "title"),
];

/// Tables whose keys the team's file sets one by one.
const KEYED_TABLES: &[&str] = &["schema", "kubernetes"];

type Value<'i> = Spanned<DeValue<'i>>;

/// The `extends` value of a document's `[schema]` table, if any.
pub fn extends<'a>(doc: &'a DeTable<'_>) -> Option<&'a Value<'a>> {
    match doc.get("schema")?.get_ref() {
        DeValue::Table(t) => t.get("extends"),
        _ => None,
    }
}

/// The base document with every span moved `by` bytes on.
pub fn shift(doc: DeTable<'_>, by: usize) -> DeTable<'_> {
    let mut out = DeTable::new();
    for (k, v) in doc {
        let key = Spanned::new(moved(k.span(), by), k.into_inner());
        out.insert(key, shift_value(v, by));
    }
    out
}

fn shift_value(v: Value<'_>, by: usize) -> Value<'_> {
    let span = moved(v.span(), by);
    let value = match v.into_inner() {
        DeValue::Table(t) => DeValue::Table(shift(t, by)),
        DeValue::Array(a) => {
            let mut out = DeArray::new();
            for item in a {
                out.push(shift_value(item, by));
            }
            DeValue::Array(out)
        }
        other => other,
    };
    Spanned::new(span, value)
}

fn moved(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

/// The team's document laid over the base's. Near misses (an entry named almost as one of the
/// base's, which adds a new entry instead of patching it) are warnings.
pub fn merge<'i>(mut base: DeTable<'i>, team: DeTable<'i>, sink: &mut Sink) -> DeTable<'i> {
    for (key, value) in team {
        let name: &str = key.get_ref();
        let identity = IDENTITY.iter().find(|(t, _)| *t == name).map(|(_, id)| *id);
        let merged = match (base.get_mut(name), identity) {
            (Some(b), Some(id)) => patch_entries(b, value, name, id, sink),
            (Some(b), None) if KEYED_TABLES.contains(&name) => patch_table(b, value),
            _ => Some(value),
        };
        if let Some(v) = merged {
            base.insert(key, v);
        }
    }
    base
}

/// `[schema]`, `[kubernetes]`: the team's keys into the base's table. `None` when merged in place.
fn patch_table<'i>(base: &mut Value<'i>, team: Value<'i>) -> Option<Value<'i>> {
    if !matches!(
        (base.get_ref(), team.get_ref()),
        (DeValue::Table(_), DeValue::Table(_))
    ) {
        // A wrong shape is the team's to fix: keep theirs, the reader reports it.
        return Some(team);
    }
    if let (DeValue::Table(b), DeValue::Table(t)) = (base.get_mut(), team.into_inner()) {
        for (k, v) in t {
            b.insert(k, v);
        }
    }
    None
}

/// An array of tables: the team's entries patch the base's of the same name, or are added.
fn patch_entries<'i>(
    base: &mut Value<'i>,
    team: Value<'i>,
    table: &str,
    id: &str,
    sink: &mut Sink,
) -> Option<Value<'i>> {
    if !matches!(
        (base.get_ref(), team.get_ref()),
        (DeValue::Array(_), DeValue::Array(_))
    ) {
        // `[metric]` for `[[metric]]`: keep the team's shape, the reader reports it.
        return Some(team);
    }
    let (DeValue::Array(b), DeValue::Array(t)) = (base.get_mut(), team.into_inner()) else {
        return None;
    };
    let base_names: Vec<String> = b.iter().filter_map(|e| name_of(e, id)).collect();
    for entry in t {
        let found = name_of(&entry, id).and_then(|n| base_names.iter().position(|b| *b == n));
        match found {
            Some(i) => patch_entry(&mut b.as_mut()[i], entry),
            None => {
                near_miss(&entry, table, id, &base_names, sink);
                b.push(entry);
            }
        }
    }
    None
}

/// One entry's keys over the base entry's; the entry's own span becomes the team's, so a
/// problem of the entry as a whole points at the file that changed it.
fn patch_entry<'i>(base: &mut Value<'i>, team: Value<'i>) {
    let span = team.span();
    let DeValue::Table(t) = team.into_inner() else {
        return;
    };
    let old = std::mem::replace(base, Spanned::new(span.clone(), DeValue::Boolean(false)));
    let mut merged = match old.into_inner() {
        DeValue::Table(b) => b,
        _ => DeTable::new(),
    };
    for (k, v) in t {
        merged.insert(k, v);
    }
    *base = Spanned::new(span, DeValue::Table(merged));
}

fn name_of(entry: &Value<'_>, id: &str) -> Option<String> {
    match entry.get_ref() {
        DeValue::Table(t) => match t.get(id)?.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn near_miss(entry: &Value<'_>, table: &str, id: &str, base: &[String], sink: &mut Sink) {
    let DeValue::Table(t) = entry.get_ref() else {
        return;
    };
    let Some(v) = t.get(id) else { return };
    let DeValue::String(name) = v.get_ref() else {
        return;
    };
    // A typo (an edit or two away), not a new entry with a name like the base's.
    let close = base
        .iter()
        .find(|b| strsim::levenshtein(b, name) <= 2 && suggest(name, [b.as_str()]).is_some());
    if let Some(close) = close {
        sink.push(
            Diagnostic::warning(
                v.span(),
                format!(
                    "no [[{table}]] `{name}` in the base schema: this entry adds one, it changes none"
                ),
            )
            .help(format!(
                "to change the base's `{close}`, write {id} = \"{close}\""
            )),
        );
    }
}
