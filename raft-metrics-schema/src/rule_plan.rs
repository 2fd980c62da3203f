//! The one plan of rules: recording rules, the SLOs' rules and what they record, computed
//! once from the model. The rule files, the dashboards (which read recorded series), the docs
//! and the checks all read this plan instead of asking `records` and `slo` again.

use std::collections::BTreeSet;

use crate::model::*;
use crate::promql::Known;
use crate::records::{self, Record};
use crate::slo::{self, SloAlert};

/// Every generated rule, in the files' order, and every series they record.
#[derive(Clone, Debug)]
pub struct RulePlan {
    /// The recording rules, in evaluation order (rates, quantiles, then partition counts).
    pub records: Vec<Record>,
    /// Per SLO, in schema order.
    pub slos: Vec<SloRules>,
    /// Every recorded series, recording and SLO rules alike, as the summary level feeds them.
    pub known: Known,
    /// The alerts whose result names a partition, which the records count.
    pub partition_alerts: Vec<String>,
}

/// One SLO's rules.
#[derive(Clone, Debug)]
pub struct SloRules {
    pub slo: String,
    pub records: Vec<Record>,
    pub alerts: Vec<SloAlert>,
}

impl RulePlan {
    pub fn of(schema: &Schema) -> Self {
        let records = records::plan(schema);
        let mut known = records::learn_all(schema, &records);
        let partition_alerts = records::partition_alerts(schema, &known)
            .iter()
            .map(|a| a.name.clone())
            .collect();
        let slos: Vec<SloRules> = schema
            .slos
            .iter()
            .map(|s| SloRules {
                slo: s.name.clone(),
                records: slo::records(schema, s),
                alerts: slo::alerts(schema, s),
            })
            .collect();
        known.recorded.extend(slo::recorded(
            schema,
            slos.iter().map(|s| s.records.as_slice()),
        ));
        RulePlan {
            records,
            slos,
            known,
            partition_alerts,
        }
    }

    /// The alerts of the schema that name a partition.
    pub fn partition_alerts<'a>(&self, schema: &'a Schema) -> Vec<&'a Alert> {
        schema
            .alerts
            .iter()
            .filter(|a| self.partition_alerts.contains(&a.name))
            .collect()
    }

    /// The recorded series and the labels each keeps (for the docs).
    pub fn recorded_labels(&self) -> Vec<(String, BTreeSet<String>)> {
        self.known
            .recorded
            .iter()
            .map(|(n, r)| (n.clone(), r.labels.clone().unwrap_or_default()))
            .collect()
    }

    /// Every rule's expression with where it is, for the checks and `diff`.
    pub fn exprs(&self, schema: &Schema) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = schema
            .alerts
            .iter()
            .map(|a| {
                (
                    format!("{}: alert {}", crate::paths::ALERT_RULES, a.name),
                    a.promql.clone(),
                )
            })
            .collect();
        v.extend(self.records.iter().map(|r| {
            (
                format!("{}{RECORD}{}", crate::paths::RECORDING_RULES, r.name),
                r.expr.to_string(),
            )
        }));
        v.extend(self.slo_exprs());
        v
    }

    /// The SLO rules' expressions with where they are.
    pub fn slo_exprs(&self) -> Vec<(String, String)> {
        let file = crate::paths::SLO_RULES;
        let mut v = Vec::new();
        for s in &self.slos {
            for r in &s.records {
                v.push((
                    format!("{file} ({}){RECORD}{}", s.slo, r.name),
                    r.expr.to_string(),
                ));
            }
            for a in &s.alerts {
                v.push((
                    format!(
                        "{file} ({}): alert {} ({})",
                        s.slo,
                        a.name,
                        a.urgency.as_str()
                    ),
                    a.expr.to_string(),
                ));
            }
        }
        v
    }
}

/// How a recording rule's location names the series it records.
pub const RECORD: &str = ": record ";
