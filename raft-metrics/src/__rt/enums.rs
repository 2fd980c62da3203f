//! Families whose labels are all enums: children inline, found by index; enum parsing errors.

/// Index of a combination of enum discriminants in a flattened array.
#[inline(always)]
pub const fn flat_index(parts: &[(usize, usize)]) -> usize {
    let mut idx = 0;
    let mut i = 0;
    while i < parts.len() {
        idx = idx * parts[i].1 + parts[i].0;
        i += 1;
    }
    idx
}

/// The children of one all-enum family, inline: found by index with no extra pointer
/// to follow. `N` is the number of value combinations (validation rejects empty enums).
#[derive(Clone)]
pub struct EnumArray<M, const N: usize>([M; N]);

impl<M, const N: usize> EnumArray<M, N> {
    pub fn from_fn(f: impl FnMut(usize) -> M) -> Self {
        EnumArray(std::array::from_fn(f))
    }

    pub fn from_array(series: [M; N]) -> Self {
        EnumArray(series)
    }

    #[inline(always)]
    pub fn at(&self, index: usize) -> &M {
        // Generated indexes are always < N; clamping keeps the access panic-free regardless.
        &self.0[index.min(N.saturating_sub(1))]
    }
}

/// A string that names no value of an enum label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLabelValue {
    pub label: &'static str,
    pub value: String,
}

impl UnknownLabelValue {
    pub fn new(label: &'static str, value: &str) -> Self {
        UnknownLabelValue {
            label,
            value: value.to_string(),
        }
    }
}

impl std::fmt::Display for UnknownLabelValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not a value of label `{}`",
            self.value, self.label
        )
    }
}

impl std::error::Error for UnknownLabelValue {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_index_is_row_major_with_the_last_label_fastest() {
        // 3 × 2 combinations: (0,0)=0, (0,1)=1, (1,0)=2, ..., (2,1)=5.
        let mut seen = Vec::new();
        for a in 0..3 {
            for b in 0..2 {
                seen.push(flat_index(&[(a, 3), (b, 2)]));
            }
        }
        assert_eq!(seen, [0, 1, 2, 3, 4, 5]);
        assert_eq!(flat_index(&[]), 0);
    }

    #[test]
    fn enum_array_finds_by_index_and_never_panics() {
        let a: EnumArray<usize, 4> = EnumArray::from_fn(|i| i * 10);
        assert_eq!(*a.at(2), 20);
        assert_eq!(
            *a.at(99),
            30,
            "an out-of-range index clamps to the last child"
        );
    }

    #[test]
    fn unknown_value_names_label_and_value() {
        let e = UnknownLabelValue::new("state", "boss");
        assert_eq!(e.to_string(), "`boss` is not a value of label `state`");
    }
}
