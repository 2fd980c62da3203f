//! Label values and help text as the text format escapes them: the exposition's writers and
//! a scope instance's labels (rendered once, when it is created) share it.

/// Append `name="value"` (comma-separated from what is there), the value escaped.
pub fn push_label(out: &mut String, name: &str, value: &str) {
    let mut bytes = std::mem::take(out).into_bytes();
    push_label_bytes(&mut bytes, name, value);
    // Only ASCII was added around `value`, which was valid UTF-8.
    *out = String::from_utf8(bytes).unwrap_or_default();
}

pub fn push_label_bytes(out: &mut Vec<u8>, name: &str, value: &str) {
    if !out.is_empty() {
        out.push(b',');
    }
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"=\"");
    escape_into(out, value, true);
    out.push(b'"');
}

/// Label values escape `\`, `"` and newlines; help text `\` and newlines.
pub fn escape_into(out: &mut Vec<u8>, s: &str, quote: bool) {
    let special = |b: u8| b == b'\\' || b == b'\n' || (quote && b == b'"');
    if !s.bytes().any(special) {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    for b in s.bytes() {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'"' if quote => out.extend_from_slice(b"\\\""),
            _ => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_escape_quotes_backslashes_and_newlines() {
        let mut s = String::new();
        push_label(&mut s, "a", "x\"y\\z\nw");
        push_label(&mut s, "b", "plain ✓");
        assert_eq!(s, "a=\"x\\\"y\\\\z\\nw\",b=\"plain ✓\"");
    }
}
