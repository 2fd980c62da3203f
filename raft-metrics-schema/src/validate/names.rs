//! What makes a name valid: Prometheus conventions, units and Rust identifiers. Pure
//! predicates and word lists, shared by every check.

pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ms", "seconds"),
    ("msec", "seconds"),
    ("msecs", "seconds"),
    ("us", "seconds"),
    ("usec", "seconds"),
    ("ns", "seconds"),
    ("s", "seconds"),
    ("sec", "seconds"),
    ("secs", "seconds"),
    ("kb", "bytes"),
    ("kib", "bytes"),
    ("mb", "bytes"),
    ("mib", "bytes"),
    ("gb", "bytes"),
    ("gib", "bytes"),
    ("pct", "ratio"),
];

pub const NON_BASE_UNITS: &[(&str, &str)] = &[
    (
        "milliseconds",
        "seconds (divide values and buckets by 1000)",
    ),
    ("microseconds", "seconds (divide values and buckets by 1e6)"),
    ("nanoseconds", "seconds (divide values and buckets by 1e9)"),
    ("minutes", "seconds (multiply by 60)"),
    ("hours", "seconds (multiply by 3600)"),
    ("days", "seconds (multiply by 86400)"),
    ("kilobytes", "bytes"),
    ("megabytes", "bytes"),
    ("gigabytes", "bytes"),
    ("bits", "bytes"),
    ("percent", "ratio (0..1, divide by 100)"),
    ("percentage", "ratio (0..1, divide by 100)"),
];

pub const TYPE_WORDS: &[&str] = &["counter", "gauge", "histogram", "summary"];

/// Names of the generated API that a metric or scope must not take.
pub const RESERVED_METHODS: &[&str] = &["register", "registry", "new", "clone", "drop", "inner"];

/// Rust prelude and std names an enum type must not shadow.
pub const PRELUDE_TYPES: &[&str] = &[
    "Result", "Option", "Some", "None", "Ok", "Err", "Box", "String", "Vec", "Self", "Drop", "Fn",
    "Copy", "Clone", "Send", "Sync", "Sized", "Iterator", "Default", "Eq", "Ord", "Hash",
];

pub fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}

/// A Prometheus label name, which is also the shape of a Rust identifier.
pub fn is_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub fn is_duration(s: &str) -> bool {
    // Prometheus durations: one or more <number><unit>, units ms s m h d w y.
    let mut rest = s;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        let unit = ["ms", "s", "m", "h", "d", "w", "y"]
            .into_iter()
            .find(|u| rest.starts_with(u));
        match unit {
            Some(u) => rest = &rest[u.len()..],
            None => return false,
        }
    }
    true
}

pub fn is_rust_keyword(s: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
        "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final",
        "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
    ];
    KEYWORDS.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_prometheus_durations() {
        for ok in ["30s", "5m", "1h30m", "100ms", "2w", "1y"] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in ["", "5", "m", "5 m", "1.5h", "5M"] {
            assert!(!is_duration(bad), "{bad}");
        }
    }

    #[test]
    fn names() {
        assert!(is_snake_case("commit_index"));
        assert!(
            !is_snake_case("commit__index") && !is_snake_case("Commit") && !is_snake_case("a_")
        );
        assert!(is_ident("_x1") && !is_ident("1x") && !is_ident("a-b"));
        assert!(is_rust_keyword("type") && !is_rust_keyword("topic"));
    }
}
