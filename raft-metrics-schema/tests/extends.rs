//! `[schema] extends = "raft-metrics"`: a team's few lines over the base schema. The shop
//! example is the real case; an edited base stands in for an upgrade of raft-metrics.

use raft_metrics_schema::base::{self, Base};
use raft_metrics_schema::diff::{self, Class};
use raft_metrics_schema::Schema;

const SHOP: &str = include_str!("../../examples/shop-raft/shop-metrics.toml");

fn shop() -> Schema {
    match raft_metrics_schema::from_str(SHOP, "shop-metrics.toml") {
        Ok((s, _)) => s,
        Err(r) => panic!("{r}"),
    }
}

fn default() -> Schema {
    match raft_metrics_schema::from_str(base::DEFAULT.text, "metrics-schema.toml") {
        Ok((s, _)) => s,
        Err(r) => panic!("{r}"),
    }
}

#[test]
fn the_shop_has_every_base_entry_and_its_own() {
    let (shop, base) = (shop(), default());
    for m in &base.metrics {
        assert!(shop.metric(&m.name).is_some(), "{} is missing", m.name);
    }
    assert!(shop.metric("orders_applied_total").is_some());
    assert_eq!(shop.metrics.len(), base.metrics.len() + 1);
    let names = |s: &Schema| s.alerts.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&shop), names(&base));
    assert_eq!(shop.slos.len(), base.slos.len());
    assert_eq!(shop.extends.as_deref(), Some(base::DEFAULT.file_name));
    assert_eq!(base.extends, None);
    // It still meets the adapters' contract (what `implements = raft_metrics` checks).
    assert_eq!(raft_metrics_schema::contract::check(&base, &shop), vec![]);
}

#[test]
fn the_shop_overrides_what_mixins_configure() {
    let shop = shop();
    assert_eq!(
        (
            shop.namespace.as_str(),
            shop.uid.as_str(),
            shop.type_name.as_str()
        ),
        ("shop_raft", "shop-raft", "ShopMetrics")
    );
    assert_eq!(shop.dashboard_tags, ["raft", "shop"]);
    // The job is derived into the node-down alert, not edited into its expression.
    let down = shop
        .alerts
        .iter()
        .find(|a| a.name == "RaftNodeDown")
        .unwrap();
    assert_eq!(down.promql, r#"up{job="shop-raft"} == 0"#);
    // An alert's threshold and `for`, keys the shop gave; the rest stays the base's.
    let base = default();
    let alert = |s: &Schema| {
        s.alerts
            .iter()
            .find(|a| a.name == "RaftCommitLatencyHigh")
            .cloned()
            .unwrap()
    };
    let (mine, theirs) = (alert(&shop), alert(&base));
    assert!(mine.promql.ends_with("> 0.1") && theirs.promql.ends_with("> 0.25"));
    assert_eq!((mine.for_.as_str(), theirs.for_.as_str()), ("2m", "5m"));
    assert_eq!(mine.runbook, theirs.runbook);
    // A label budget and an SLO objective.
    assert_eq!(shop.label("topic").unwrap().max_values, Some(50));
    assert_eq!(
        shop.label("partition").unwrap().max_values,
        base.label("partition").unwrap().max_values
    );
    let slo = |s: &Schema| {
        s.slos
            .iter()
            .find(|o| o.name == "write_success")
            .unwrap()
            .objective
    };
    assert_eq!((slo(&shop), slo(&base)), (0.9995, 0.999));
}

/// An upgrade of raft-metrics whose base adds a metric: the extending schema has it with no
/// edit, and `diff` against the old base calls it a compatible addition.
#[test]
fn an_upgraded_base_brings_its_new_metric_in_and_diff_says_so() {
    let anchor = "[[metric]]\nname = \"label_overflow_total\"";
    assert!(base::DEFAULT.text.contains(anchor), "the anchor moved");
    let added = "[[metric]]\nname = \"apply_errors_total\"\ntype = \"counter\"\nhelp = \"Entries the state machine failed to apply.\"\nlabels = [\"topic\", \"partition\"]\ngroup = \"commit\"\n\n";
    let newer = base::DEFAULT
        .text
        .replacen(anchor, &format!("{added}{anchor}"), 1);
    let upgraded = Base {
        text: &newer,
        ..base::DEFAULT
    };
    let (old, _) = raft_metrics_schema::from_str_old(SHOP, "shop-metrics.toml", &base::DEFAULT)
        .ok()
        .unwrap();
    let (new, _) = raft_metrics_schema::from_str_old(SHOP, "shop-metrics.toml", &upgraded)
        .ok()
        .unwrap();
    assert!(old.metric("apply_errors_total").is_none());
    assert!(new.metric("apply_errors_total").is_some());
    let changes = diff::diff(&old, &new);
    assert!(
        changes
            .iter()
            .any(|c| c.class == Class::Compatible && c.message.contains("apply_errors_total")),
        "{changes:?}"
    );
    assert!(
        changes.iter().all(|c| c.class == Class::Compatible),
        "{changes:?}"
    );
}

/// Diagnostics name the file each problem is in: the team's for its keys, the base's (with
/// "in the base schema") for an entry of the base that the team's change breaks.
#[test]
fn errors_point_at_the_team_file_or_say_in_the_base_schema() {
    let team = "[schema]\nextends = \"raft-metrics\"\nnamespace = \"shop_raft\"\n\n[[label]]\nname = \"topic\"\nmax_values = 0\n";
    let Err(report) = raft_metrics_schema::from_str(team, "team.toml") else {
        panic!("a zero budget is an error");
    };
    let lines: Vec<String> = report.errors().map(|d| report.render_one(d)).collect();
    assert!(
        lines.iter().any(|l| l.starts_with("team.toml:7:")),
        "{lines:#?}"
    );
    let cut = "[[metric]]\nname = \"commit_latency_seconds\"\ntype = \"counter\"\n";
    let Err(report) = raft_metrics_schema::from_str(
        &format!("{team}\n{cut}").replace("max_values = 0\n", ""),
        "team.toml",
    ) else {
        panic!("a histogram made a counter breaks the base's alerts");
    };
    let base_line = report
        .errors()
        .map(|d| report.render_one(d))
        .find(|l| l.contains("RaftCommitLatencyHigh"))
        .expect("the base's alert is named");
    assert!(
        base_line.starts_with(base::DEFAULT.file_name)
            && base_line.contains(": error: in the base schema: "),
        "{base_line}"
    );
    let (line, _) = report.line_col(
        report
            .errors()
            .find(|d| d.message.contains("RaftCommitLatencyHigh"))
            .unwrap()
            .span
            .start,
    );
    let want = base::DEFAULT.text[..base::DEFAULT
        .text
        .find("name = \"RaftCommitLatencyHigh\"")
        .unwrap()]
        .lines()
        .count();
    assert!(
        line > want && line < want + 12,
        "line {line}, alert at {want}"
    );
}

/// Without `extends` nothing of the base is read: the default schema itself, and a schema
/// whose `[schema]` has no `extends`, are what their files say.
#[test]
fn a_schema_without_extends_is_its_file_alone() {
    let tiny = "[schema]\nnamespace = \"tiny\"\n";
    let (s, report) = raft_metrics_schema::from_str(tiny, "tiny.toml")
        .ok()
        .unwrap();
    assert!(s.metrics.is_empty() && s.alerts.is_empty() && s.extends.is_none());
    assert!(report.base.is_none());
}

/// The README's extending schema (step 2 of "Adopting") is a valid schema as written.
#[test]
fn the_readme_extending_schema_is_valid() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("   ```toml\n   [schema]\n   extends = ")
        .expect("the README shows an extending schema");
    let block = &readme[start..];
    let body = &block[block.find('\n').unwrap() + 1..];
    let body = &body[..body.find("   ```").unwrap()];
    let text: String = body
        .lines()
        .map(|l| l.strip_prefix("   ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    if let Err(r) = raft_metrics_schema::from_str(&text, "README.md") {
        panic!("{r}\n{text}");
    }
}
