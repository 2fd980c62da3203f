//! The reference's SLO section: each SLO's SLI, objective and why, the series its rules
//! record, and a runbook for its alerts.

use std::fmt::Write;

use crate::model::*;
use crate::slo::{self, Urgency, PAIRS};

/// `## Service level objectives`, or nothing without SLOs.
pub fn section(s: &mut String, schema: &Schema, rules: &crate::rule_plan::RulePlan) {
    if schema.slos.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "## Service level objectives\n\n`{}`: per SLO, the error ratio over {} and its period (`{}`), sloth's metadata series (`{}`, `{}`, `{}`, `{}`, `{}`, `{}`) labelled `sloth_id`, `sloth_service`, `sloth_slo` (and `sloth_window`), and two multiwindow, multi-burn-rate alerts of one name: a page (`sloth_severity=\"page\"`) and a ticket. A pair of windows fires when both exceed the burn rate that spends a share of the period's budget within the long window: {}. The page also needs {} events in its long window, so a handful of failures on a quiet topic does not wake anyone. `{}` tests each alert (steady burn under the slowest ticket for three days: nothing; a fast burn after two healthy hours: the page once its long window holds enough of it, not before; a burn between the ticket's and the page's rates: the ticket alone; a fast burn on few events: no page), with a second, healthy cluster holding the same topic.\n\n| SLO | SLI | objective | period | grouped by | alert |\n|---|---|---|---|---|---|",
        crate::paths::SLO_RULES,
        slo::WINDOWS.join(", "),
        slo::ratio_name("<window>"),
        slo::OBJECTIVE,
        slo::ERROR_BUDGET,
        slo::TIME_PERIOD,
        slo::CURRENT_BURN_RATE,
        slo::PERIOD_BURN_RATE,
        slo::BUDGET_REMAINING,
        PAIRS
            .iter()
            .map(|p| format!("{} {}% in {} (and {})", p.urgency.as_str(), crate::pql::number(p.budget_share * 100.0), p.long, p.short))
            .collect::<Vec<_>>()
            .join(", "),
        DEFAULT_MIN_EVENTS,
        crate::paths::SLO_TESTS,
    );
    let cluster = schema.cluster_label.iter().cloned();
    for o in &schema.slos {
        let by: Vec<String> = cluster
            .clone()
            .chain(o.by.iter().cloned())
            .map(|l| format!("`{l}`"))
            .collect();
        let _ = writeln!(
            s,
            "| `{}` | {} | {}% | {} | {} | [{}](#{}) |",
            o.name,
            sli_text(schema, &o.sli),
            crate::pql::number(o.objective * 100.0),
            o.period,
            by.join(", "),
            o.alert_name(),
            o.alert_name().to_lowercase()
        );
    }
    s.push('\n');
    for (o, r) in schema.slos.iter().zip(&rules.slos) {
        runbook(s, o, &r.alerts);
    }
}

fn sli_text(schema: &Schema, sli: &Sli) -> String {
    let exposed = |n: &str| {
        schema
            .metric(n)
            .map_or(n.to_string(), |m| m.exposed.clone())
    };
    match sli {
        Sli::Events { bad, total } => {
            format!("events: `{}` out of `{}`", exposed(bad), exposed(total))
        }
        Sli::Latency { metric, threshold } => format!(
            "latency: `{}` above {} s",
            exposed(metric),
            crate::pql::number(*threshold)
        ),
        Sli::Availability { good, bad } => format!(
            "availability: `{}` out of it plus `{}`, over time",
            exposed(bad),
            exposed(good)
        ),
    }
}

/// What to look at first for each kind of SLI.
fn first_look(sli: &Sli) -> &'static str {
    match sli {
        Sli::Events { .. } => "Open the overview's golden signals: *Failed proposals* by cause says whether writes are refused by nodes that do not lead (clients writing to a stale leader: check elections and leader changes), dropped by raft (no leader or a leadership transfer) or failing in storage (the node's disk).",
        Sli::Latency { .. } => "Open the overview's golden signals: *Commit latency* per node says whether one node or all are slow. A slow follower quorum shows in *Follower lag* and the RPC round trips; a slow leader in its log writes (*Pending proposals*, *Log size*) and snapshots.",
        Sli::Availability { .. } => "Open the overview's first row: *Leaderless partitions* and the top topics by unhealthy partitions say where. Partitions stay leaderless when no quorum of voters is up: check which nodes are down (`RaftNodeDown`) and *Elections*.",
    }
}

fn runbook(s: &mut String, o: &Slo, alerts: &[slo::SloAlert]) {
    let _ = writeln!(s, "### {}\n", o.alert_name());
    let _ = writeln!(
        s,
        "**SLO `{}`**: {} — {}% over {}.{}\n",
        o.name,
        o.description,
        crate::pql::number(o.objective * 100.0),
        o.period,
        o.note
            .as_ref()
            .map_or(String::new(), |n| format!(" Why: {n}"))
    );
    for a in alerts {
        let when = match a.urgency {
            Urgency::Page => "pages: the budget goes fast enough to be gone within days",
            Urgency::Ticket => "opens a ticket: the budget goes faster than the period allows, slowly enough to handle in working hours",
        };
        let _ = writeln!(
            s,
            "- `severity={}`, `sloth_severity={}`: {when}.\n\n```promql\n{}\n```\n",
            a.severity.as_str(),
            a.urgency.as_str(),
            a.expr
        );
    }
    let _ = writeln!(
        s,
        "**Runbook.** {} The alert names the {} burning; the overview's SLO row shows each window's burn rate and the budget left. A page that stops within minutes was a burst the short window saw end; one that goes on is spending days of budget per hour. Once the cause is fixed, the burn rates fall back under 1 and the period's budget stops shrinking.\n",
        first_look(&o.sli),
        if o.by.is_empty() { "cluster".to_string() } else { format!("cluster and {}", o.by.join(" and ")) }
    );
}
