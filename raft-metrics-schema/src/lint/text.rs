//! Input text for the lint front ends: bytes to UTF-8 with a located error, byte offsets to
//! line and column, and the error for a file that cannot be linted at all.

/// A file that cannot be linted: unreadable, not UTF-8, not YAML or JSON, or not a rule file
/// or dashboard. Always located.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct InputError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl InputError {
    pub fn at(file: &str, (line, column): (usize, usize), message: impl Into<String>) -> Self {
        InputError {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// The text of a file, or where its first byte that is not UTF-8 sits.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The valid prefix is UTF-8 by definition.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        InputError::at(
            file,
            line_col(prefix, prefix.len()),
            format!(
                "not UTF-8 text (byte 0x{:02x} at offset {})",
                bytes[e.valid_up_to()],
                e.valid_up_to()
            ),
        )
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// A parser's position past the end of the text (an error at end of input) is the end of the
/// last line. Lines break at LF, CRLF and a lone CR, as in YAML.
pub fn clamp(text: &str, (line, column): (usize, usize)) -> (usize, usize) {
    let breaks =
        text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count();
    let last = breaks + 1;
    if line <= last {
        return (line.max(1), column.max(1));
    }
    let tail = text.rsplit(['\n', '\r']).next().unwrap_or("");
    (last, tail.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        assert_eq!(line_col("ab\ncé d", 0), (1, 1));
        assert_eq!(line_col("ab\ncé d", 3), (2, 1));
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("ab", 99), (1, 3));
    }

    #[test]
    fn positions_past_the_end_are_the_end() {
        assert_eq!(clamp("a\r\nbc", (3, 1)), (2, 3));
        assert_eq!(clamp("a\rbc", (2, 2)), (2, 2));
        assert_eq!(clamp("", (2, 1)), (1, 1));
    }

    #[test]
    fn bad_bytes_are_located() {
        let e = decode("f.yml", b"groups:\n  - \xff").unwrap_err();
        assert_eq!((e.line, e.column), (2, 5));
        assert!(e.message.contains("0xff"), "{e}");
    }
}
