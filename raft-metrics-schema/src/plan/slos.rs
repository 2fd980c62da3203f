//! The overview's SLO row: per SLO, the error budget left in the period, the burn rate per
//! alert window, and the groups (topics) with the least budget left, from the SLO rules'
//! recorded series.

use super::vars::select;
use super::*;
use crate::pql::{Builder, Q};
use crate::slo::{self, BUDGET_REMAINING};

const TOP: u64 = 10;

/// The SLO row, if the schema has SLOs.
pub fn row(schema: &Schema, b: &Builder, vars: &[Var]) -> Option<Row> {
    let panels: Vec<Panel> = schema
        .slos
        .iter()
        .flat_map(|s| panels(schema, b, vars, s))
        .collect();
    (!panels.is_empty()).then(|| {
        Row::new(
            "Service level objectives",
            "Are users getting what the objectives promise, and how fast is the error budget going?",
            RowKind::Detail,
            panels,
        )
    })
}

/// A recorded series of the SLO, narrowed to the dashboard's cluster.
fn series(schema: &Schema, vars: &[Var], s: &Slo, name: &str) -> Q {
    let mut labels: Vec<String> = schema.cluster_label.iter().cloned().collect();
    labels.extend(s.by.iter().cloned());
    select(name, &labels, vars)
        .eq("sloth_id", &s.id(&schema.uid))
        .q()
}

fn panel(
    key: String,
    title: String,
    question: &str,
    description: String,
    kind: PanelKind,
) -> Panel {
    let mut p = Panel::other(&key, title, question, description);
    p.kind = kind;
    p
}

fn panels(schema: &Schema, b: &Builder, vars: &[Var], s: &Slo) -> Vec<Panel> {
    let name = format!(
        "{} ({}%, {})",
        s.title(),
        crate::pql::number(s.objective * 100.0),
        s.period
    );
    let groups = if s.by.is_empty() {
        String::new()
    } else {
        format!(" per {}", s.by.join(" and "))
    };
    let remaining = series(schema, vars, s, BUDGET_REMAINING);
    let mut left = panel(
        format!("slo:{}:remaining", s.name),
        format!("{name}: error budget left"),
        "How much of the period's error budget is left?",
        format!("{}. SLO `{}`: the share of the period's error budget not yet spent, for the group{groups} that spent most (1 = untouched, 0 = spent, below 0 = the objective is missed). From `{BUDGET_REMAINING}`.", s.description, s.name),
        PanelKind::Stat,
    );
    left.unit = "percentunit".into();
    left.queries = vec![Query::lines(
        b.agg("min", &[], remaining.clone()),
        String::new(),
    )];
    let budget = s.error_budget();
    let burn = |w: &str| {
        let ratio = series(schema, vars, s, &slo::ratio_name(w));
        Query::lines(
            b.agg("max", &[], ratio).op("/", Q::Num(budget)),
            w.to_string(),
        )
    };
    let mut windows: Vec<&str> = slo::PAIRS.iter().map(|p| p.long).collect();
    windows.insert(0, slo::PAIRS[0].short);
    let mut rate = panel(
        format!("slo:{}:burn", s.name),
        format!("{name}: burn rate"),
        "How fast is the error budget burning, over each alert window?",
        format!("SLO `{}`: errors as a multiple of what the objective allows, over each window the alerts read, for the group{groups} burning fastest. 1 spends the budget exactly over the period; the page fires above {} over 1h, the ticket above {} over 1d.", s.name, crate::pql::number(slo::PAIRS[0].burn_rate(s)), crate::pql::number(slo::PAIRS[2].burn_rate(s))),
        PanelKind::TimeSeries,
    );
    rate.queries = windows.iter().map(|w| burn(w)).collect();
    rate.worst_case = windows.len() as u64;
    let mut out = vec![left, rate];
    if !s.by.is_empty() {
        let mut worst = panel(
            format!("slo:{}:groups", s.name),
            format!(
                "{name}: {TOP} {}s with least budget left",
                s.by.join(" and ")
            ),
            "Which groups spent most of their budget?",
            format!(
                "SLO `{}`: the {TOP} groups{groups} with the least error budget left.",
                s.name
            ),
            PanelKind::TimeSeries,
        );
        worst.unit = "percentunit".into();
        worst.queries = vec![Query {
            expr: b.agg_param("bottomk", Q::Num(TOP as f64), &[], remaining),
            legend: legend(&s.by),
            format: QueryFormat::Lines,
        }];
        worst.worst_case = TOP;
        out.push(worst);
    }
    out
}
