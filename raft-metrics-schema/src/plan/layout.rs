//! Where each row and panel sits on Grafana's 24-column grid, and which rows start collapsed.
//! Panels are packed left to right, each into the highest free place (a skyline), with sizes
//! by row kind: small stats and one wide panel in the health row, compact panels in the
//! overview's headline rows, full-size ones in the groups' rows.

use super::{PanelKind, Row, RowKind};

/// Grafana's grid width.
const COLUMNS: u64 = 24;

/// The grid rows a first screen shows: 24 rows of 30 px plus margins, about 910 px, a
/// browser window on a 1080p display. Rows of the overview that start below it are
/// collapsed, so opening the dashboard runs only the queries of what is seen.
pub const FIRST_SCREEN: u64 = 24;

/// A position on the grid, in Grafana's units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub x: u64,
    pub y: u64,
    pub w: u64,
    pub h: u64,
}

/// A panel's (width, height) in a row of this kind.
fn size(row: RowKind, kind: PanelKind) -> (u64, u64) {
    match (row, kind) {
        (RowKind::Health, PanelKind::Stat) => (4, 3),
        (RowKind::Health, _) => (12, 6),
        (RowKind::Headline, _) => (8, 5),
        (RowKind::Detail, _) => (8, 8),
    }
}

/// The columns a panel may use: the health row's stats stay in the left half, two lines of
/// three, beside its wide panel.
fn columns(row: RowKind, kind: PanelKind) -> (u64, u64) {
    match (row, kind) {
        (RowKind::Health, PanelKind::Stat) => (0, COLUMNS / 2),
        _ => (0, COLUMNS),
    }
}

/// Positions every row and panel; with `collapse`, rows that start at or below the first
/// screen are collapsed (and take one grid row each).
pub fn lay_out(rows: &mut [Row], collapse: bool) {
    let mut y = 0;
    for row in rows.iter_mut() {
        row.y = y;
        row.collapsed = collapse && y >= FIRST_SCREEN;
        let height = pack(row, y + 1);
        y += 1 + if row.collapsed { 0 } else { height };
    }
}

/// Packs a row's panels from `top` down; returns the height they take.
fn pack(row: &mut Row, top: u64) -> u64 {
    let mut skyline = [0u64; COLUMNS as usize];
    for p in &mut row.panels {
        let (w, h) = size(row.kind, p.kind);
        let (from, to) = columns(row.kind, p.kind);
        let (x, at) = (from..=to - w)
            .map(|x| {
                let cols = &skyline[x as usize..(x + w) as usize];
                (x, cols.iter().copied().max().unwrap_or(0))
            })
            .min_by_key(|(x, at)| (*at, *x))
            .unwrap_or((0, 0));
        for c in &mut skyline[x as usize..(x + w) as usize] {
            *c = at + h;
        }
        p.pos = super::Pos {
            x,
            y: top + at,
            w,
            h,
        };
    }
    skyline.iter().copied().max().unwrap_or(0)
}
