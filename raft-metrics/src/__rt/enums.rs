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
