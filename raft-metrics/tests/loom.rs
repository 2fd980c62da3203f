//! Model check of the series map's protocol (insert on first use, remove, close, hand-over)
//! with loom, which runs every interleaving of the real code's lock operations.
//! Run with `scripts/loom.sh`; without `--cfg loom` this file is empty.
#![cfg(loom)]

use std::collections::HashSet;
use std::sync::Arc;

use loom::sync::Mutex;
use loom::thread;
use raft_metrics::__rt::{LabelBudget, SeriesMap};

/// A series: its exposed label value, or `None` for the detached stand-in.
type Series = Option<String>;

/// What the exposition holds: label values of registered series.
#[derive(Default)]
struct Exposition(Mutex<HashSet<String>>);

impl Exposition {
    fn register(&self, values: &[&str]) -> Series {
        self.0.lock().unwrap().insert(values[0].to_string());
        Some(values[0].to_string())
    }
    fn unregister(&self, values: &[&str]) {
        self.0.lock().unwrap().remove(values[0]);
    }
    fn len(&self) -> usize {
        self.0.lock().unwrap().len()
    }
}

fn map(budget: &Arc<LabelBudget>) -> SeriesMap<(u32,), Series> {
    SeriesMap::new(None, vec![(0, Arc::clone(budget))])
}

#[test]
fn nothing_is_exposed_after_close_whatever_the_interleaving() {
    loom::model(|| {
        let budget = Arc::new(LabelBudget::new(8));
        let m = Arc::new(map(&budget));
        let ex = Arc::new(Exposition::default());
        let getter = {
            let (m, ex) = (Arc::clone(&m), Arc::clone(&ex));
            thread::spawn(move || m.get((1u32,), |v| ex.register(v)))
        };
        m.close(|v| ex.unregister(v));
        let got = getter.join().unwrap();
        // Either created before the close (and removed by it) or detached after it.
        assert_eq!(ex.len(), 0);
        assert!(got.is_none() || got.as_deref() == Some("1"));
        assert!(m.is_empty());
        // The budget was given back in every case.
        assert!(budget.acquire("1"));
    });
}

#[test]
fn two_creators_of_one_series_share_it() {
    loom::model(|| {
        let budget = Arc::new(LabelBudget::new(8));
        let m = Arc::new(map(&budget));
        let ex = Arc::new(Exposition::default());
        let t = {
            let (m, ex) = (Arc::clone(&m), Arc::clone(&ex));
            thread::spawn(move || m.get((1u32,), |v| ex.register(v)))
        };
        let a = m.get((1u32,), |v| ex.register(v));
        let b = t.join().unwrap();
        assert_eq!(a, b);
        assert_eq!(m.len(), 1);
        assert_eq!(ex.len(), 1);
    });
}

#[test]
fn remove_and_create_keep_the_map_and_the_exposition_in_step() {
    loom::model(|| {
        // A budget of one: the second label value folds into `__overflow__`.
        let budget = Arc::new(LabelBudget::new(1));
        let m = Arc::new(map(&budget));
        let ex = Arc::new(Exposition::default());
        let t = {
            let (m, ex) = (Arc::clone(&m), Arc::clone(&ex));
            thread::spawn(move || {
                m.get((1u32,), |v| ex.register(v));
            })
        };
        m.get((2u32,), |v| ex.register(v));
        m.remove_where(&[(0, "2")], |v| ex.unregister(v));
        t.join().unwrap();
        // Whatever the order, what the map holds is what is exposed.
        let mut held = Vec::new();
        m.for_each_key(|v| held.push(v[0].to_string()));
        let exposed = ex.0.lock().unwrap().clone();
        assert_eq!(held.iter().cloned().collect::<HashSet<_>>(), exposed);
        m.close(|v| ex.unregister(v));
        assert!(budget.acquire("3"), "budget not given back");
    });
}

#[test]
fn a_hand_over_races_with_the_newer_handle_being_closed() {
    loom::model(|| {
        let budget = Arc::new(LabelBudget::new(8));
        let ex = Arc::new(Exposition::default());
        let old = map(&budget);
        old.get((1u32,), |v| ex.register(v));
        let newer = Arc::new(map(&budget));
        let t = {
            let (newer, ex) = (Arc::clone(&newer), Arc::clone(&ex));
            thread::spawn(move || newer.close(|v| ex.unregister(v)))
        };
        old.hand_over(&newer, |v| ex.unregister(v));
        t.join().unwrap();
        // Handed over before the close (and removed by it) or unregistered by the hand-over.
        assert_eq!(ex.len(), 0);
        assert!(old.is_empty() && newer.is_empty());
        assert!(budget.acquire("1"));
    });
}
