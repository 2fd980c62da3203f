//! The SLO rules: per SLO, its error ratio over sloth's standard windows and its period,
//! sloth's metadata series, and two multiwindow, multi-burn-rate alerts (page and ticket) as
//! the Google SRE workbook describes them, scaled to the period. Named and labelled as sloth
//! names them (`slo:sli_error:ratio_rate5m`, `sloth_id`, `sloth_slo`, `sloth_window`), so
//! dashboards and tools built for sloth read them; every aggregation keeps the cluster label.

use crate::model::*;
use crate::pql::{Builder, Selector, Q};
use crate::records::Record;

/// The windows every SLO's error ratio is recorded over (the period is added).
pub const WINDOWS: [&str; 7] = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];

/// Page or ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    Page,
    Ticket,
}

impl Urgency {
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Page => "page",
            Urgency::Ticket => "ticket",
        }
    }
}

/// One window pair of an alert: the long window proves the burn lasts, the short one that it
/// still goes on; `budget_share` is the share of the period's error budget the pair spends
/// before firing.
#[derive(Clone, Copy, Debug)]
pub struct Pair {
    pub urgency: Urgency,
    pub long: &'static str,
    pub short: &'static str,
    pub budget_share: f64,
}

/// The workbook's four pairs: 2% of the budget in 1h and 5% in 6h page, 10% in 1d or 3d
/// tickets (14.4×, 6×, 3× and 1× on a 30-day period).
pub const PAIRS: [Pair; 4] = [
    Pair {
        urgency: Urgency::Page,
        long: "1h",
        short: "5m",
        budget_share: 0.02,
    },
    Pair {
        urgency: Urgency::Page,
        long: "6h",
        short: "30m",
        budget_share: 0.05,
    },
    Pair {
        urgency: Urgency::Ticket,
        long: "1d",
        short: "2h",
        budget_share: 0.10,
    },
    Pair {
        urgency: Urgency::Ticket,
        long: "3d",
        short: "6h",
        budget_share: 0.10,
    },
];

/// A window in hours (`5m`, `6h`, `3d`).
pub fn hours(window: &str) -> f64 {
    let (n, unit) = window.split_at(window.len() - 1);
    let n: f64 = n.parse().unwrap_or(0.0);
    match unit {
        "m" => n / 60.0,
        "h" => n,
        "d" => n * 24.0,
        _ => 0.0,
    }
}

/// Rounded to 12 significant decimals, so products of round numbers print round.
fn tidy(x: f64) -> f64 {
    (x * 1e12).round() / 1e12
}

impl Pair {
    /// How many times faster than the objective allows the budget burns when the pair fires:
    /// its share of the budget spent within its long window.
    pub fn burn_rate(&self, slo: &Slo) -> f64 {
        tidy(self.budget_share * slo.period_days as f64 * 24.0 / hours(self.long))
    }
}

/// `slo:sli_error:ratio_rate5m`: the error ratio over a window.
pub fn ratio_name(window: &str) -> String {
    format!("slo:sli_error:ratio_rate{window}")
}

pub const OBJECTIVE: &str = "slo:objective:ratio";
pub const ERROR_BUDGET: &str = "slo:error_budget:ratio";
pub const TIME_PERIOD: &str = "slo:time_period:days";
pub const CURRENT_BURN_RATE: &str = "slo:current_burn_rate:ratio";
pub const PERIOD_BURN_RATE: &str = "slo:period_burn_rate:ratio";
pub const BUDGET_REMAINING: &str = "slo:period_error_budget_remaining:ratio";
/// An availability SLI's units in the bad state, and in all states, per group.
pub const BAD_UNITS: &str = "slo:sli_bad:units";
pub const TOTAL_UNITS: &str = "slo:sli_total:units";

/// sloth's identifying labels of an SLO's series.
pub fn sloth_labels(schema: &Schema, slo: &Slo) -> Vec<(String, String)> {
    vec![
        ("sloth_id".into(), slo.id(&schema.uid)),
        ("sloth_service".into(), schema.uid.clone()),
        ("sloth_slo".into(), slo.name.clone()),
    ]
}

/// A recorded SLO series of this SLO.
pub fn of(slo: &Slo, schema: &Schema, name: &str) -> Selector {
    Selector::new(name).eq("sloth_id", &slo.id(&schema.uid))
}

/// The labels each SLO series is grouped by: the cluster label and the SLO's `by`.
pub fn group(b: &Builder, slo: &Slo) -> Vec<String> {
    b.keep(&slo.by)
}

/// How a gauge's nodes combine into the cluster's value: a derived count as the schema
/// says, a gauge folded by sum by sum, anything else by max.
fn across_nodes(m: &Metric) -> &'static str {
    match (&m.count, &m.summary) {
        (Some(c), _) => c.across_nodes.as_str(),
        (
            None,
            Summary::Fold {
                op: FoldOp::Sum, ..
            },
        ) => "sum",
        _ => "max",
    }
}

/// A gauge per group: combined across nodes (keeping its own labels), then summed by group.
fn units(schema: &Schema, b: &Builder, slo: &Slo, metric: &str) -> Q {
    let Some(m) = schema.metric(metric) else {
        return Q::Num(0.0);
    };
    let own = m.labels_at(Level::Summary).unwrap_or_default();
    let per_cluster = b.agg(
        across_nodes(m),
        &own,
        b.series(m, &m.exposed, Level::Summary).q(),
    );
    b.agg("sum", &slo.by, per_cluster)
}

/// `sum by (group) (rate(series[window]))`.
fn rate(b: &Builder, slo: &Slo, series: Selector, window: &str) -> Q {
    b.agg("sum", &slo.by, Q::call("rate", vec![series.range(window)]))
}

/// The `le` text of a bucket boundary as the exposition writes it.
pub fn le_text(bound: f64) -> String {
    bound.to_string()
}

/// The error ratio over `window`, from the raw series (events, latency) or the recorded
/// units (availability).
fn error_ratio(schema: &Schema, b: &Builder, slo: &Slo, window: &str) -> Option<Q> {
    match &slo.sli {
        Sli::Events { bad, total } => {
            let (bad, total) = (schema.metric(bad)?, schema.metric(total)?);
            let bad_rate = rate(b, slo, b.series(bad, &bad.exposed, Level::Summary), window);
            let all = rate(
                b,
                slo,
                b.series(total, &total.exposed, Level::Summary),
                window,
            );
            // A group without a single bad event yet has no bad series: its ratio is 0, not
            // missing.
            let none = Q::Num(0.0).op("*", all.clone());
            Some(bad_rate.op("or", none).op("/", all))
        }
        Sli::Latency { metric, threshold } => {
            let m = schema.metric(metric)?;
            let count = b.series(m, &m.series_name(SeriesKind::Count)?, Level::Summary);
            let good = b
                .series(m, &m.series_name(SeriesKind::Bucket)?, Level::Summary)
                .eq("le", &le_text(*threshold));
            let all = rate(b, slo, count, window);
            let fast = rate(b, slo, good, window);
            Some(all.clone().op("-", fast).op("/", all))
        }
        Sli::Availability { .. } => {
            let over =
                |name: &str| Q::call("sum_over_time", vec![of(slo, schema, name).range(window)]);
            Some(over(BAD_UNITS).op("/", over(TOTAL_UNITS)))
        }
    }
}

/// A record with sloth's labels (and more).
fn record(schema: &Schema, slo: &Slo, name: String, expr: Q, extra: &[(&str, String)]) -> Record {
    let mut labels = sloth_labels(schema, slo);
    labels.extend(extra.iter().map(|(k, v)| (k.to_string(), v.clone())));
    Record { name, expr, labels }
}

/// Every recording rule of one SLO, in evaluation order.
pub fn records(schema: &Schema, slo: &Slo) -> Vec<Record> {
    let b = Builder::new(schema);
    let mut out = Vec::new();
    if let Sli::Availability { good, bad } = &slo.sli {
        let bad_units = units(schema, &b, slo, bad);
        let total = units(schema, &b, slo, good).op("+", bad_units.clone());
        out.push(record(schema, slo, BAD_UNITS.into(), bad_units, &[]));
        out.push(record(schema, slo, TOTAL_UNITS.into(), total, &[]));
    }
    for w in WINDOWS {
        if let Some(expr) = error_ratio(schema, &b, slo, w) {
            out.push(record(
                schema,
                slo,
                ratio_name(w),
                expr,
                &[("sloth_window", w.into())],
            ));
        }
    }
    let budget = slo.error_budget();
    // The period's ratio is the average of the 5m ratios over it, as sloth records it.
    let period = Q::call(
        "avg_over_time",
        vec![of(slo, schema, &ratio_name("5m")).range(&slo.period)],
    );
    out.push(record(
        schema,
        slo,
        ratio_name(&slo.period),
        period,
        &[("sloth_window", slo.period.clone())],
    ));
    let constant = |v: f64| Q::call("vector", vec![Q::Num(v)]);
    out.push(record(
        schema,
        slo,
        OBJECTIVE.into(),
        constant(slo.objective),
        &[],
    ));
    out.push(record(
        schema,
        slo,
        ERROR_BUDGET.into(),
        constant(budget),
        &[],
    ));
    out.push(record(
        schema,
        slo,
        TIME_PERIOD.into(),
        constant(slo.period_days as f64),
        &[],
    ));
    let burn = |w: &str| of(slo, schema, &ratio_name(w)).q().op("/", Q::Num(budget));
    out.push(record(
        schema,
        slo,
        CURRENT_BURN_RATE.into(),
        burn("5m"),
        &[],
    ));
    out.push(record(
        schema,
        slo,
        PERIOD_BURN_RATE.into(),
        burn(&slo.period),
        &[],
    ));
    let remaining = Q::Num(1.0).op("-", of(slo, schema, PERIOD_BURN_RATE).q());
    out.push(record(schema, slo, BUDGET_REMAINING.into(), remaining, &[]));
    out
}

/// One generated alert rule of an SLO.
#[derive(Clone, Debug)]
pub struct SloAlert {
    pub name: String,
    pub urgency: Urgency,
    pub severity: AlertSeverity,
    pub expr: Q,
    /// sloth's labels, `sloth_severity`, and the SLO's own.
    pub labels: Vec<(String, String)>,
    pub summary: String,
    pub description: String,
    pub runbook_anchor: String,
}

/// The page and the ticket alert of one SLO.
pub fn alerts(schema: &Schema, slo: &Slo) -> Vec<SloAlert> {
    [Urgency::Page, Urgency::Ticket]
        .into_iter()
        .map(|u| alert(schema, slo, u))
        .collect()
}

fn alert(schema: &Schema, slo: &Slo, urgency: Urgency) -> SloAlert {
    let b = Builder::new(schema);
    let by = &slo.by;
    let budget = slo.error_budget();
    let pairs: Vec<&Pair> = PAIRS.iter().filter(|p| p.urgency == urgency).collect();
    let over = |w: &str, rate: f64| {
        of(slo, schema, &ratio_name(w))
            .q()
            .op(">", Q::Num(tidy(rate * budget)))
    };
    let fires = pairs
        .iter()
        .map(|p| {
            let r = p.burn_rate(slo);
            b.on(over(p.long, r), "and", false, by, over(p.short, r))
        })
        .reduce(|a, q| b.on(a, "or", false, by, q))
        .unwrap_or(Q::Num(0.0));
    let mut expr = b.agg("max", by, fires);
    if urgency == Urgency::Page {
        if let Some(guard) = enough_events(schema, &b, slo) {
            expr = b.on(expr, "and", false, by, guard);
        }
    }
    let severity = match urgency {
        Urgency::Page => slo.page,
        Urgency::Ticket => slo.ticket,
    };
    let mut labels = sloth_labels(schema, slo);
    labels.push(("sloth_severity".into(), urgency.as_str().into()));
    labels.extend(slo.labels.iter().cloned());
    let rates: Vec<String> = pairs
        .iter()
        .map(|p| {
            format!(
                "{}× over {} and {}",
                short(p.burn_rate(slo)),
                p.long,
                p.short
            )
        })
        .collect();
    let group: Vec<String> = b
        .keep(by)
        .iter()
        .map(|l| format!("{l} {{{{ $labels.{l} }}}}"))
        .collect();
    SloAlert {
        name: slo.alert_name(),
        urgency,
        severity,
        expr,
        labels,
        summary: format!(
            "SLO {} ({}% over {}) burns its error budget {}.",
            slo.name,
            crate::pql::number(slo.objective * 100.0),
            slo.period,
            if urgency == Urgency::Page {
                "fast"
            } else {
                "steadily"
            }
        ),
        description: format!(
            "{} ({}): the error budget burns more than {} as fast as the objective allows.",
            slo.description,
            group.join(", "),
            rates.join(", or ")
        ),
        runbook_anchor: slo.alert_name().to_lowercase(),
    }
}

/// A burn rate for people: three decimals at most.
fn short(x: f64) -> String {
    crate::pql::number((x * 1000.0).round() / 1000.0)
}

/// `sum by (group) (increase(total[1h])) >= min_events`: no page on a handful of events.
fn enough_events(schema: &Schema, b: &Builder, slo: &Slo) -> Option<Q> {
    let long = PAIRS[0].long;
    let series = match &slo.sli {
        Sli::Events { total, .. } => {
            let m = schema.metric(total)?;
            b.series(m, &m.exposed, Level::Summary)
        }
        Sli::Latency { metric, .. } => {
            let m = schema.metric(metric)?;
            b.series(m, &m.series_name(SeriesKind::Count)?, Level::Summary)
        }
        Sli::Availability { .. } => return None,
    };
    let events = b.agg(
        "sum",
        &slo.by,
        Q::call("increase", vec![series.range(long)]),
    );
    Some(events.op(">=", Q::Num(slo.min_events as f64)))
}

/// Every series the SLO rules record (`per_slo`: each SLO's records, in schema order), with its labels, for the checks of what reads them
/// (the overview's SLO row, `lint` of hand-written rules and dashboards).
pub fn recorded<'a>(
    schema: &Schema,
    per_slo: impl IntoIterator<Item = &'a [Record]>,
) -> std::collections::BTreeMap<String, crate::promql::Recorded> {
    let b = Builder::new(schema);
    let mut out = std::collections::BTreeMap::new();
    for (slo, records) in schema.slos.iter().zip(per_slo) {
        for r in records {
            let grouped = !matches!(r.name.as_str(), OBJECTIVE | ERROR_BUDGET | TIME_PERIOD);
            let mut labels: std::collections::BTreeSet<String> =
                r.labels.iter().map(|(k, _)| k.clone()).collect();
            if grouped {
                labels.extend(group(&b, slo));
            }
            let entry = out
                .entry(r.name.clone())
                .or_insert(crate::promql::Recorded {
                    labels: Some(Default::default()),
                    counter: false,
                });
            if let Some(l) = &mut entry.labels {
                l.extend(labels);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slo(days: u64, objective: f64) -> Slo {
        Slo {
            name: "write_success".into(),
            description: "Writes".into(),
            objective,
            period: format!("{days}d"),
            period_days: days,
            by: vec!["topic".into()],
            sli: Sli::Events {
                bad: "b".into(),
                total: "t".into(),
            },
            page: AlertSeverity::Critical,
            ticket: AlertSeverity::Warning,
            labels: Vec::new(),
            min_events: 20,
            note: None,
            span: 0..0,
        }
    }

    #[test]
    fn burn_rates_are_the_workbooks_on_30_days_and_scale_with_the_period() {
        let rates = |s: &Slo| PAIRS.map(|p| p.burn_rate(s));
        assert_eq!(rates(&slo(30, 0.999)), [14.4, 6.0, 3.0, 1.0]);
        assert_eq!(rates(&slo(28, 0.999)), [13.44, 5.6, 2.8, 0.933333333333]);
        assert_eq!(slo(28, 0.999).error_budget(), 0.001);
        assert_eq!(slo(28, 0.9995).error_budget(), 0.0005);
    }

    #[test]
    fn names_follow_sloth() {
        let s = slo(28, 0.99);
        assert_eq!(s.alert_name(), "SloWriteSuccessBudgetBurn");
        assert_eq!(s.id("chronik-raft"), "chronik-raft-write_success");
        assert_eq!(ratio_name("5m"), "slo:sli_error:ratio_rate5m");
        assert_eq!(hours("3d"), 72.0);
        assert_eq!(hours("30m"), 0.5);
    }
}
