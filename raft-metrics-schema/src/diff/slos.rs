//! SLOs between two schemas: a removed SLO, a new period, SLI or grouping break what reads
//! its series; a tighter objective is flagged breaking too, since its alerts then fire at
//! error rates that were within the objective before, and an operator must see that.

use super::{Change, Class, Hit};
use crate::model::{Schema, Slo};

fn series(old: &Schema, o: &Slo) -> Hit {
    let names = crate::slo::records(old, o)
        .into_iter()
        .map(|r| r.name)
        .collect();
    Hit::SeriesWithMatcher(names, "sloth_id".into(), o.id(&old.uid))
}

pub(super) fn slos(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for o in &old.slos {
        let Some(n) = new.slos.iter().find(|n| n.name == o.name) else {
            out.push(Change::new(
                Class::Breaking,
                "slo-removed",
                &o.name,
                format!(
                    "SLO `{}` is removed: its series and its alert `{}` go",
                    o.name,
                    o.alert_name()
                ),
                series(old, o),
            ));
            continue;
        };
        if n.objective != o.objective {
            let tighter = n.objective > o.objective;
            let (class, how) = if tighter {
                (Class::Breaking, "tighter: its alerts fire at error rates the old objective allowed, and the budget left drops")
            } else {
                (Class::Compatible, "looser: its alerts fire later")
            };
            out.push(Change::new(
                class,
                "slo-objective-changed",
                &o.name,
                format!(
                    "SLO `{}` changes objective from {} to {}, {how}",
                    o.name, o.objective, n.objective
                ),
                Hit::Nothing,
            ));
        }
        if n.period != o.period {
            out.push(Change::new(Class::Breaking, "slo-period-changed", &o.name, format!("SLO `{}` changes period from {} to {}: `{}` is no longer recorded, and every burn rate changes scale", o.name, o.period, n.period, crate::slo::ratio_name(&o.period)), series(old, o)));
        }
        if n.sli != o.sli {
            out.push(Change::new(
                Class::Breaking,
                "slo-sli-changed",
                &o.name,
                format!(
                    "SLO `{}` measures another SLI ({} → {}): its history no longer compares",
                    o.name,
                    o.sli.kind(),
                    n.sli.kind()
                ),
                series(old, o),
            ));
        }
        if n.by != o.by {
            out.push(Change::new(
                Class::Breaking,
                "slo-grouping-changed",
                &o.name,
                format!(
                    "SLO `{}` groups by [{}] instead of [{}]: its series change labels",
                    o.name,
                    n.by.join(", "),
                    o.by.join(", ")
                ),
                series(old, o),
            ));
        }
    }
    for n in new
        .slos
        .iter()
        .filter(|n| !old.slos.iter().any(|o| o.name == n.name))
    {
        out.push(Change::new(
            Class::Compatible,
            "slo-added",
            &n.name,
            format!(
                "SLO `{}` is added ({}% over {})",
                n.name,
                n.objective * 100.0,
                n.period
            ),
            Hit::Nothing,
        ));
    }
}
