//! Model check of the runtime's two lock protocols with loom, which runs every interleaving
//! of the real code's lock operations:
//!
//! - the series map (insert on first use, close): what a partition's per-peer series use;
//! - the scope map (instances, bound handles, the last handle's drop, removal): what every
//!   partition's series live in.
//!
//! Run with `scripts/loom.sh`; without `--cfg loom` this file is empty.
#![cfg(loom)]

use std::sync::Arc;

use loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use loom::thread;
use raft_metrics::__rt::{Cells, IntGauge, LabelBudget, ScopeMap, SeriesMap};

/// A series: its label value, or `None` for the detached stand-in.
type Series = Option<String>;

fn series_map(budget: &Arc<LabelBudget>) -> SeriesMap<(u32,), Series> {
    SeriesMap::new(None, vec![(0, Arc::clone(budget))])
}

#[test]
fn a_series_made_while_its_map_closes_is_never_kept() {
    loom::model(|| {
        let budget = Arc::new(LabelBudget::new(8));
        let m = Arc::new(series_map(&budget));
        let getter = {
            let m = Arc::clone(&m);
            thread::spawn(move || m.get((1u32,), |v| Some(v[0].to_string())))
        };
        m.close(|_| {});
        let got = getter.join().unwrap();
        // Either made before the close (and dropped by it) or the stand-in after it.
        assert!(got.is_none() || got.as_deref() == Some("1"));
        assert!(m.is_empty());
        assert!(
            budget.acquire("1"),
            "the budget was given back in every case"
        );
    });
}

#[test]
fn two_creators_of_one_series_share_it() {
    loom::model(|| {
        let budget = Arc::new(LabelBudget::new(8));
        let m = Arc::new(series_map(&budget));
        let t = {
            let m = Arc::clone(&m);
            thread::spawn(move || m.get((1u32,), |v| Some(v[0].to_string())))
        };
        let a = m.get((1u32,), |v| Some(v[0].to_string()));
        let b = t.join().unwrap();
        assert_eq!(a, b);
        assert_eq!(m.len(), 1);
    });
}

#[derive(Default)]
struct Cell {
    g: IntGauge,
}

impl Cells for Cell {
    fn close(&self) {}
}

type Scopes = ScopeMap<(u32,), Cell>;

fn scopes(budget: &Arc<LabelBudget>) -> Arc<Scopes> {
    Arc::new(ScopeMap::new(
        &["partition"],
        vec![(0, Arc::clone(budget))],
        Box::new(Cell::default),
    ))
}

/// Reference counts (a handle's last drop) are std atomics, which loom does not see: both
/// threads touch this right before their step, so loom runs the steps in both orders and then
/// finds the lock operations they lead to.
fn race(flag: &AtomicUsize) {
    flag.fetch_add(1, SeqCst);
}

/// The values the exposition shows: one per instance in the map.
fn exposed(m: &Scopes) -> Vec<i64> {
    m.snapshot().iter().map(|e| e.cells().g.get()).collect()
}

#[test]
fn the_last_handle_dropping_while_a_new_one_is_made_leaves_the_new_one_exposed() {
    loom::model(|| {
        let budget = Arc::new(LabelBudget::new(1));
        let m = scopes(&budget);
        let old = m.handle((1u32,));
        old.cells().g.set(1);
        let flag = Arc::new(AtomicUsize::new(0));
        let dropper = {
            let flag = Arc::clone(&flag);
            thread::spawn(move || {
                race(&flag);
                drop(old)
            })
        };
        race(&flag);
        let new = m.handle((1u32,));
        new.cells().g.set(2);
        dropper.join().unwrap();
        // The live handle's instance is the exposed one: either the old instance it shared, or
        // a fresh one made after the old handle left.
        assert_eq!(exposed(&m), [2]);
        drop(new);
        assert!(exposed(&m).is_empty());
        assert!(budget.acquire("2"), "the only budget slot was given back");
    });
}

#[test]
fn removal_racing_a_new_handle_never_leaves_two_instances_or_a_lost_budget() {
    loom::model(|| {
        let budget = Arc::new(LabelBudget::new(1));
        let m = scopes(&budget);
        m.entry((1u32,)).cells().g.set(5);
        let flag = Arc::new(AtomicUsize::new(0));
        let remover = {
            let (m, flag) = (Arc::clone(&m), Arc::clone(&flag));
            thread::spawn(move || {
                race(&flag);
                m.remove((1u32,))
            })
        };
        race(&flag);
        let h = m.handle((1u32,));
        h.cells().g.set(7);
        remover.join().unwrap();
        // The handle's instance is exposed, or it was removed after the handle took it.
        let shown = exposed(&m);
        assert!(shown == [7] || shown.is_empty(), "{shown:?}");
        drop(h);
        m.remove((1u32,));
        assert!(exposed(&m).is_empty());
        assert!(budget.acquire("2"), "the only budget slot was given back");
    });
}
