//! Generated panels between two schemas, matched by their stable key: a panel gone breaks
//! whoever links to it; one moved to another row or retitled keeps its id, so links survive.

use super::{Change, Class, Hit};
use crate::model::Schema;
use crate::plan::{self, Dashboard, Panel, Row};

/// Where a panel is: its dashboard's file, its row and the panel.
struct Placed<'a> {
    file: &'a str,
    row: &'a Row,
    panel: &'a Panel,
}

fn placed(dashboards: &[Dashboard]) -> Vec<Placed<'_>> {
    dashboards
        .iter()
        .flat_map(|d| {
            d.rows.iter().flat_map(move |row| {
                row.panels.iter().map(move |panel| Placed {
                    file: &d.file,
                    row,
                    panel,
                })
            })
        })
        .collect()
}

/// Panels removed (breaking), added, moved and retitled (compatible).
pub(super) fn panels(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    let (old_d, new_d) = (plan::dashboards(old), plan::dashboards(new));
    let (before, after) = (placed(&old_d), placed(&new_d));
    for o in &before {
        let subject = format!("{} panel {}", o.file, o.panel.key);
        let Some(n) = find(&after, o) else {
            out.push(Change::new(
                Class::Breaking,
                "panel-removed",
                &subject,
                format!(
                    "panel \"{}\" ({}, row \"{}\") is removed: links to it and library panels made from it break",
                    o.panel.title, o.file, o.row.title
                ),
                Hit::Nothing,
            ));
            continue;
        };
        if n.panel.title != o.panel.title {
            out.push(Change::new(
                Class::Compatible,
                "panel-retitled",
                &subject,
                format!(
                    "panel \"{}\" ({}) is retitled \"{}\"; its id, and so links to it, stay",
                    o.panel.title, o.file, n.panel.title
                ),
                Hit::Nothing,
            ));
        }
        if n.row.title != o.row.title || n.row.collapsed != o.row.collapsed {
            out.push(Change::new(
                Class::Compatible,
                "panel-moved",
                &subject,
                format!(
                    "panel \"{}\" ({}) moves from row \"{}\"{} to row \"{}\"{}; its id, and so links to it, stay",
                    n.panel.title,
                    o.file,
                    o.row.title,
                    collapsed(o.row),
                    n.row.title,
                    collapsed(n.row)
                ),
                Hit::Nothing,
            ));
        }
    }
    for n in after.iter().filter(|n| find(&before, n).is_none()) {
        out.push(Change::new(
            Class::Compatible,
            "panel-added",
            &format!("{} panel {}", n.file, n.panel.key),
            format!(
                "panel \"{}\" ({}, row \"{}\") is added",
                n.panel.title, n.file, n.row.title
            ),
            Hit::Nothing,
        ));
    }
}

/// The same panel (dashboard and key) in `list`.
fn find<'a>(list: &'a [Placed<'a>], p: &Placed) -> Option<&'a Placed<'a>> {
    list.iter()
        .find(|q| q.file == p.file && q.panel.key == p.panel.key)
}

fn collapsed(r: &Row) -> &'static str {
    if r.collapsed {
        " (collapsed)"
    } else {
        ""
    }
}
