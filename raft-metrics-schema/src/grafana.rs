//! Grafana template variables in panel queries. Before a query is parsed as PromQL every
//! variable (`$var`, `${var}`, `${var:fmt}`, `[[var]]`, `[[var:fmt]]`, and the built-ins) is
//! replaced by a stand-in that parses where the variable stands; messages map stand-ins back.

use std::time::Duration;

/// Prefix of the stand-in for a variable used as a value, a label or a metric name.
pub const VAR_PREFIX: &str = "__grafana_var_";

/// The range generated panels give rate(): at least four scrapes, whatever the zoom.
pub const RATE_INTERVAL: &str = "$__rate_interval";

/// What a variable standing for a range or offset is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RangeVar {
    /// `$__rate_interval`: at least four scrapes; the range to use for rate().
    RateInterval,
    /// `$__interval`: the step, which can be shorter than two scrapes.
    Interval,
    /// `$__range`: the dashboard's whole time range.
    Range,
    /// A dashboard's own variable (an interval variable).
    User(String),
}

impl RangeVar {
    fn of(name: &str) -> RangeVar {
        match name {
            "__rate_interval" => RangeVar::RateInterval,
            "__interval" => RangeVar::Interval,
            "__range" => RangeVar::Range,
            other => RangeVar::User(other.to_string()),
        }
    }
}

/// A query with its variables replaced by stand-ins.
#[derive(Clone, Debug, Default)]
pub struct Substituted {
    pub text: String,
    /// The range each stand-in duration stands for.
    ranges: Vec<(Duration, RangeVar)>,
}

impl Substituted {
    /// An expression taken as written (a rule: no variables).
    pub fn verbatim(expr: &str) -> Self {
        Substituted {
            text: expr.to_string(),
            ranges: Vec::new(),
        }
    }

    /// The variable a range stands for, if it is a stand-in.
    pub fn range_var(&self, d: Duration) -> Option<&RangeVar> {
        self.ranges.iter().find(|(s, _)| *s == d).map(|(_, v)| v)
    }

    fn range_standin(&mut self, name: &str) -> String {
        let var = RangeVar::of(name);
        let i = match self.ranges.iter().position(|(_, v)| *v == var) {
            Some(i) => i,
            None => {
                let d = Duration::from_secs(7_770_000 + self.ranges.len() as u64);
                self.ranges.push((d, var));
                self.ranges.len() - 1
            }
        };
        format!("{}s", self.ranges[i].0.as_secs())
    }
}

/// Where a variable stands, which decides what parses in its place.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Inside `[...]` or after `offset`: a duration.
    Duration,
    /// After `@`, or where a number must stand: a number.
    Time,
    /// Anywhere else, strings included: an identifier.
    Ident,
}

/// The length of a duration unit written right after a variable (`ms`, `s`, `m`, `h`, `d`,
/// `w`, `y`), or 0.
fn unit_at(s: &str) -> usize {
    let unit = ["ms", "s", "m", "h", "d", "w", "y"]
        .iter()
        .find(|u| s.starts_with(**u))
        .map_or(0, |u| u.len());
    let after = s[unit..].chars().next();
    if after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
        0
    } else {
        unit
    }
}

/// A variable reference at the start of `s`: (name, bytes consumed).
fn variable_at(s: &str) -> Option<(&str, usize)> {
    // `$1` in a label_replace() replacement is not a variable.
    let ident_len = |t: &str| {
        if t.starts_with(|c: char| c.is_ascii_digit()) {
            return 0;
        }
        t.char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
            .map_or(t.len(), |(j, _)| j)
    };
    if let Some(body) = s.strip_prefix("[[") {
        let close = body.find("]]")?;
        let name = body[..close].split(':').next().unwrap_or("");
        return (!name.is_empty() && ident_len(name) == name.len()).then_some((name, close + 4));
    }
    let body = s.strip_prefix('$')?;
    if let Some(inner) = body.strip_prefix('{') {
        let close = inner.find('}')?;
        let name = inner[..close].split(':').next().unwrap_or("");
        return (!name.is_empty() && ident_len(name) == name.len()).then_some((name, close + 3));
    }
    let len = ident_len(body);
    (len > 0).then(|| (&body[..len], len + 1))
}

/// Replace every Grafana variable with a parseable stand-in.
pub fn substitute(expr: &str) -> Substituted {
    substitute_as(expr, Slot::Ident)
}

/// Like `substitute`, but a variable outside strings and ranges stands for a number
/// (`topk($k, ...)`).
pub fn substitute_numbers(expr: &str) -> Substituted {
    substitute_as(expr, Slot::Time)
}

fn substitute_as(expr: &str, bare: Slot) -> Substituted {
    let mut out = Substituted {
        text: String::with_capacity(expr.len()),
        ..Default::default()
    };
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < expr.len() {
        let rest = &expr[i..];
        if let Some((name, used)) = variable_at(rest) {
            let slot = if quote.is_some() {
                Slot::Ident
            } else if depth > 0 || out.text.trim_end().ends_with("offset") {
                Slot::Duration
            } else if out.text.trim_end().ends_with('@') {
                Slot::Time
            } else {
                bare
            };
            let standin = match slot {
                Slot::Duration => out.range_standin(name),
                Slot::Time => "1".to_string(),
                Slot::Ident => format!("{VAR_PREFIX}{name}"),
            };
            out.text.push_str(&standin);
            i += used;
            if slot == Slot::Duration {
                // `[${__range_s}s]`: the unit belongs to the variable; its stand-in has one.
                i += unit_at(&expr[i..]);
            }
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        match (quote, c) {
            (Some(q), '\\') if q != '`' => {
                // Keep an escaped character, whatever it is.
                let esc: String = rest.chars().take(2).collect();
                out.text.push_str(&esc);
                i += esc.len();
                continue;
            }
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.text.push(c);
        i += c.len_utf8();
    }
    out
}

/// Map stand-ins in a message back to the variables they stand for.
pub fn restore(message: &str) -> String {
    message.replace(VAR_PREFIX, "$")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_syntax_becomes_a_standin() {
        let s = substitute(
            "rate(x{a=~\"$a\", b=~\"${b}\", c=~\"${c:regex}\", d=~\"${d:pipe}\", e=~\"[[e]]\"}[$__rate_interval])",
        );
        assert_eq!(
            s.text,
            "rate(x{a=~\"__grafana_var_a\", b=~\"__grafana_var_b\", c=~\"__grafana_var_c\", d=~\"__grafana_var_d\", e=~\"__grafana_var_e\"}[7770000s])"
        );
        assert_eq!(
            s.range_var(Duration::from_secs(7_770_000)),
            Some(&RangeVar::RateInterval)
        );
    }

    #[test]
    fn ranges_offsets_and_times_parse() {
        let s =
            substitute("increase(x[$__range] offset $shift) / $__range_s @ ${__to:date:seconds}");
        assert_eq!(
            s.text,
            "increase(x[7770000s] offset 7770001s) / __grafana_var___range_s @ 1"
        );
        assert_eq!(
            s.range_var(Duration::from_secs(7_770_001)),
            Some(&RangeVar::User("shift".into()))
        );
        let sub = substitute("max_over_time(x[1h:$__interval])");
        assert_eq!(sub.text, "max_over_time(x[1h:7770000s])");
    }

    #[test]
    fn a_lone_dollar_and_escapes_stay() {
        assert_eq!(substitute("a $ b").text, "a $ b");
        assert_eq!(substitute("\"$1\"").text, "\"$1\"");
        assert_eq!(
            substitute("x{a=\"\\\"$v\"}").text,
            "x{a=\"\\\"__grafana_var_v\"}"
        );
        assert_eq!(restore("`a=\"__grafana_var_node\"`"), "`a=\"$node\"`");
    }
}
