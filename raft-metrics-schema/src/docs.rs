//! Schema model → `docs/METRICS.md`: per group, the metrics, the dashboard's queries and the
//! alerts with their runbooks.

use std::fmt::Write;

use crate::model::*;
use crate::plan;

/// Each dashboard panel's worst case at the schema's budgets, one cluster selected, and the
/// queries each runs.
fn dashboard_bounds(s: &mut String, dashboards: &[plan::Dashboard]) {
    for d in dashboards {
        let worst = d.panels().map(|p| p.worst_case).max().unwrap_or(0);
        let _ = writeln!(
            s,
            "## Dashboard: {}\n\n`{}`. Most series any panel draws at the schema's label budgets (one cluster selected; nodes bounded by the `peer` budget + 1): **{worst}**. Queries run when it opens (the panels of expanded rows; a collapsed row runs its own when opened): **{}** of {}.\n\n| row | panel | queries | worst-case series |\n|---|---|---|---|",
            d.title,
            d.file,
            d.queries_on_load(),
            d.queries().len()
        );
        for r in &d.rows {
            let state = if r.collapsed { " (collapsed)" } else { "" };
            for p in &r.panels {
                let _ = writeln!(
                    s,
                    "| {}{state} | {} | {} | {} |",
                    r.title,
                    cell(&p.title),
                    p.queries.len(),
                    p.worst_case
                );
            }
        }
        s.push('\n');
    }
}

/// The overview's layout: each row, whether it opens expanded, its panels and the question
/// they answer (also shown in the README).
pub fn overview_layout(schema: &Schema) -> String {
    layout_of(&plan::overview(schema))
}

fn layout_of(d: &plan::Dashboard) -> String {
    let mut s = String::from("| row | opens | panels | answers |\n|---|---|---|---|\n");
    for r in &d.rows {
        let panels: Vec<String> = r.panels.iter().map(|p| cell(&p.title)).collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            cell(&r.title),
            if r.collapsed { "collapsed" } else { "expanded" },
            panels.join("; "),
            cell(&r.question)
        );
    }
    let _ = writeln!(
        s,
        "\nOpening it runs {} queries (the expanded rows' panels) of {} in all; the first screen ({} grid rows) holds every expanded row.",
        d.queries_on_load(),
        d.queries().len(),
        plan::FIRST_SCREEN
    );
    s
}

/// What each exposition level holds, and how to scrape both.
fn levels(s: &mut String, schema: &Schema) {
    let count = |level| {
        schema
            .worst_case_total_at(level)
            .map_or_else(|| "unbounded".to_string(), |n| n.to_string())
    };
    let folded: Vec<String> = schema
        .labels
        .iter()
        .filter(|l| l.fold)
        .map(|l| format!("`{}`", l.name))
        .collect();
    let derived: Vec<String> = schema
        .metrics
        .iter()
        .filter(|m| m.is_derived())
        .map(|m| format!("`{}`", m.exposed))
        .collect();
    let same: Vec<String> = crate::scrape::same_at_both_levels(schema)
        .iter()
        .map(|m| format!("`{}`", m.exposed))
        .collect();
    let _ = writeln!(
        s,
        "## Levels\n\n\
         Each node serves two expositions of the same series, read from the same atomics:\n\n\
         - **detailed** (`{detailed}`): every series, per partition and per peer ({d} series at \
         worst per node). The partition drill-down reads it.\n\
         - **summary** (`{summary}`): each metric as its `summary` says ({s} series at worst per \
         node). By default it folds {folded}: counters and histograms are summed, gauges take \
         their max. It also holds the derived counts ({derived}), computed on each scrape. The \
         overview dashboard, the alert rules and the recording rules read it alone.\n\n\
         Summary series lack the labels they fold, and every generated query at the summary level \
         asks for those labels to be empty (`{example}=\"\"`), so the detailed level's series never \
         count twice when both levels are scraped into one Prometheus. A few families are the same \
         at both levels ({same}): scrape the detailed level without them, as below, so they are \
         stored once. Scraping the summary level alone is enough for the overview and the alerts.\n",
        example = schema.labels.iter().find(|l| l.fold).map_or("label", |l| l.name.as_str()),
        detailed = crate::scrape::DETAILED_PATH,
        summary = crate::scrape::SUMMARY_PATH,
        d = count(Level::Detailed),
        s = count(Level::Summary),
        folded = if folded.is_empty() { "no label".to_string() } else { folded.join(", ") },
        derived = if derived.is_empty() { "none".to_string() } else { derived.join(", ") },
        same = if same.is_empty() { "none".to_string() } else { same.join(", ") },
    );
    let _ = writeln!(
        s,
        "```yaml
{}```
",
        crate::scrape::example_yaml(schema)
    );
}

/// The generated recording rules' series and labels.
fn recorded(s: &mut String, rules: &crate::rule_plan::RulePlan) {
    let _ = writeln!(
        s,
        "## Recorded series\n\n`{}`, evaluated with the alert rules; the overview and the quantile alerts read them.\n\n| series | labels |\n|---|---|",
        crate::paths::RECORDING_RULES
    );
    for (name, labels) in rules.recorded_labels() {
        let l: Vec<String> = labels.iter().map(|l| format!("`{l}`")).collect();
        let _ = writeln!(s, "| `{name}` | {} |", l.join(", "));
    }
    s.push('\n');
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(schema: &Schema) -> String {
    let rules = crate::rule_plan::RulePlan::of(schema);
    markdown_for(schema, &rules, &plan::dashboards_for(schema, &rules))
}

/// The reference from a rule plan and dashboards made already.
pub fn markdown_for(
    schema: &Schema,
    rules: &crate::rule_plan::RulePlan,
    dashboards: &[plan::Dashboard],
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<!-- Generated by raft-metrics-gen from {}. Do not edit by hand. -->\n",
        schema.source_name
    );
    let _ = writeln!(s, "# {} metrics reference\n", schema.title);
    let _ = writeln!(
        s,
        "{} metrics in {} groups and {} alerts, all under the namespace `{}`. Every series also carries {}. \
         Two dashboards: {}.\n",
        schema.metrics.len(),
        schema.groups.len(),
        schema.alerts.len(),
        schema.namespace,
        schema.constant_labels().map(|l| format!("`{}` ({})", l.name, l.help)).collect::<Vec<_>>().join(", "),
        dashboards.iter().map(|d| format!("`{}` ({}; variables {})", d.file, d.title, d.variables.iter().map(|v| format!("`${}`", v.name)).collect::<Vec<_>>().join(", "))).collect::<Vec<_>>().join(" and ")
    );
    levels(&mut s, schema);
    let _ = writeln!(
        s,
        "## Overview layout\n\nThe overview opens on what an on-call asks first; rows below the first screen stay collapsed until opened.\n\n{}",
        dashboards
            .iter()
            .find(|d| d.file == crate::paths::OVERVIEW_DASHBOARD)
            .map(layout_of)
            .unwrap_or_default()
    );
    dashboard_bounds(&mut s, dashboards);
    recorded(&mut s, rules);
    crate::docs_slo::section(&mut s, schema, rules);
    labels(&mut s, schema);
    for g in &schema.groups {
        group_metrics(&mut s, schema, g, dashboards);
        group_alerts(&mut s, schema, g);
    }
    s
}

/// The labels table, worst-case series per metric, and the renames recorded.
fn labels(s: &mut String, schema: &Schema) {
    let _ = writeln!(
        s,
        "## Labels\n\n| label | kind | values / budget | help |\n|---|---|---|---|"
    );
    for l in &schema.labels {
        let values = match l.enum_values() {
            Some(v) => v
                .iter()
                .map(|x| format!("`{}`", x.value))
                .collect::<Vec<_>>()
                .join(", "),
            None if l.constant => "set at registration".into(),
            None => format!("up to {}", l.max_values.unwrap_or(0)),
        };
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            l.name,
            l.kind_name(),
            values,
            cell(&l.help)
        );
    }
    s.push('\n');
    let count = |n: Option<u64>| n.map_or_else(|| "unbounded".to_string(), |n| n.to_string());
    let _ =
        writeln!(
        s,
        "## Cardinality\n\nWorst case, per node: the product of each label's budget (enum size or \
         `max_values`) at each level, times buckets + 3 for histograms (`+Inf`, `_sum`, `_count`). \
         Total: **{}** series at the detailed level, **{}** at the summary level; budget (`max_series`): {}. \
         At run time an open label past its `max_values` folds new values into `__overflow__`. \
         `raft-metrics-gen stats` prints this table.\n",
        count(schema.worst_case_total()),
        count(schema.worst_case_total_at(Level::Summary)),
        schema.max_series.map_or_else(|| "none".to_string(), |m| m.to_string())
    );
    let mut rows = schema.cardinality();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name.cmp(&b.0.name)));
    let _ = writeln!(
        s,
        "| metric | detailed | summary | summary form |\n|---|---|---|---|"
    );
    for (m, n) in rows {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            m.exposed,
            count(n),
            count(schema.worst_case_at(m, Level::Summary)),
            cell(&m.summary_text())
        );
    }
    s.push('\n');
    let renamed: Vec<&Metric> = schema
        .metrics
        .iter()
        .filter(|m| m.old_name.is_some())
        .collect();
    if !renamed.is_empty() {
        let _ = writeln!(s, "## Renamed from the old catalogue\n\n| old name | new name | unit change |\n|---|---|---|");
        for m in renamed {
            let _ = writeln!(
                s,
                "| `{}_{}` | `{}` | {} |",
                schema.namespace,
                m.old_name.as_deref().unwrap_or(""),
                m.exposed,
                m.old_unit
                    .as_ref()
                    .map(|u| format!("{u} → {}", m.unit.as_str()))
                    .unwrap_or_else(|| "none".into())
            );
        }
        s.push('\n');
    }
    let renamed_labels: Vec<&Label> = schema
        .labels
        .iter()
        .filter(|l| !l.old_names.is_empty())
        .collect();
    if !renamed_labels.is_empty() {
        let _ = writeln!(s, "| old label | new label |\n|---|---|");
        for l in renamed_labels {
            for o in &l.old_names {
                let _ = writeln!(s, "| `{o}` | `{}` |", l.name);
            }
        }
        s.push('\n');
    }
}

/// One group's metrics: a table, then each metric with its buckets, note and panels.
fn group_metrics(s: &mut String, schema: &Schema, g: &Group, dashboards: &[plan::Dashboard]) {
    let _ = writeln!(s, "## {}\n", g.title);
    if let Some(d) = &g.description {
        let _ = writeln!(s, "{d}\n");
    }
    let _ = writeln!(
        s,
        "| metric | type | unit | labels | summary level | help |\n|---|---|---|---|---|---|"
    );
    for m in schema.metrics_in_group(&g.id) {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} |",
            m.exposed,
            m.kind.as_str(),
            m.unit.as_str(),
            m.labels
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", "),
            cell(&m.summary_text()),
            cell(&m.help)
        );
    }
    s.push('\n');
    for m in schema.metrics_in_group(&g.id) {
        let _ = writeln!(s, "### `{}`\n\n{}", m.exposed, m.help);
        let _ = writeln!(s, "\nSummary level: {}.", summary_words(m));
        if m.kind == MetricType::Histogram {
            let _ = writeln!(s, "\nBuckets ({}): {:?}.", m.unit.as_str(), m.buckets);
        }
        if let Some(n) = &m.note {
            let _ = writeln!(s, "\nNote: {n}");
        }
        for d in dashboards {
            for p in d.panels().filter(|p| p.metric.as_deref() == Some(&m.name)) {
                let _ = writeln!(
                    s,
                    "\n{}, panel \"{}\" (at most {} series):\n\n```promql",
                    d.title, p.title, p.worst_case
                );
                for q in &p.queries {
                    let _ = writeln!(s, "{}", q.expr);
                }
                let _ = writeln!(s, "```");
            }
        }
        s.push('\n');
    }
}

/// A metric's summary level in a sentence.
fn summary_words(m: &Metric) -> String {
    if let Some(e) = &m.exceptions {
        return format!(
            "one series per {} in a listed condition ({}), 1 while it holds, computed on each scrape (not at the detailed level); past {} on a node, one series per condition with `__overflow__` labels counts the rest",
            e.scope,
            e.conditions
                .iter()
                .map(|c| format!("`{}`: `{}`", c.value, c.count))
                .collect::<Vec<_>>()
                .join(", "),
            e.max_per_node
        );
    }
    match (&m.count, &m.summary) {
        (Some(c), _) => format!(
            "a count of {}s where `{}`, computed on each scrape (not at the detailed level); nodes combine by {}",
            c.scope, c.text, c.across_nodes
        ),
        (None, Summary::Absent) => "none (`summary = \"none\"`); read it at the detailed level".into(),
        (None, Summary::Fold { fold, .. }) if fold.is_empty() => "as at the detailed level".into(),
        (None, Summary::Fold { fold, op }) => format!(
            "the {op} over {}, by {}",
            fold.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", "),
            m.labels_at(Level::Summary).unwrap_or_default().iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// One group's alerts, with threshold, texts, PromQL and runbook.
fn group_alerts(s: &mut String, schema: &Schema, g: &Group) {
    let alerts: Vec<&Alert> = schema.alerts.iter().filter(|a| a.group == g.id).collect();
    if !alerts.is_empty() {
        let _ = writeln!(s, "### Alerts: {}\n", g.title);
        for a in alerts {
            let _ = writeln!(s, "#### {}\n", a.name);
            let threshold = match &a.expr {
                AlertExpr::Structured(st) => {
                    format!("{} {}", st.op.as_str(), crate::alerts::number(st.threshold))
                }
                AlertExpr::Raw(_) => "in the expression".into(),
            };
            let _ = writeln!(
                s,
                "- severity: **{}**, for: `{}`, threshold: {}\n- summary: {}\n- description: {}\n\n```promql\n{}\n```\n\n**Runbook.** {}\n",
                a.severity.as_str(),
                a.for_,
                threshold,
                a.summary,
                a.description,
                a.promql,
                a.runbook
            );
            if let Some(crate::named::Listing {
                list, exceptions, ..
            }) = crate::named::listing(schema, a)
            {
                let _ = writeln!(
                    s,
                    "**Which partitions.** The notification's `partitions` annotation names up to {} of them (`topic/partition`, the cluster's own), then how many more. The overview's *{}* table lists every one the nodes name, once per condition, with the node(s) reporting it and since when; each row opens the partition's drill-down. Past {} on a node the rest are counted, not named (`{}{{topic=\"__overflow__\"}}`).\n",
                    crate::named::NAMED_IN_ALERT,
                    list.view.title,
                    exceptions.max_per_node,
                    list.exposed
                );
            }
        }
    }
}
