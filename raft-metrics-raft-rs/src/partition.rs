//! Partition ids as a team's code has them (`i32`, `u32`, `u64`, ...), checked into the
//! schema's `u32` label: a negative or too large id is an error, never a silent cast.

use std::fmt;

/// An integer a team uses as a partition id.
pub trait PartitionId: Copy {
    /// The label value, or the id that does not fit.
    fn to_label(self) -> Result<u32, InvalidPartition>;
}

/// A partition id the `partition` label (a `u32`) cannot hold: negative, or past `u32::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidPartition {
    pub id: i128,
}

impl fmt::Display for InvalidPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "partition id {} does not fit the `partition` label (0..={})",
            self.id,
            u32::MAX
        )
    }
}

impl std::error::Error for InvalidPartition {}

macro_rules! partition_id {
    ($($t:ty),*) => {$(
        impl PartitionId for $t {
            fn to_label(self) -> Result<u32, InvalidPartition> {
                u32::try_from(self).map_err(|_| InvalidPartition { id: self as i128 })
            }
        }
    )*};
}

partition_id!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_fit_pass_and_others_are_errors() {
        assert_eq!(7i32.to_label(), Ok(7));
        assert_eq!(u64::from(u32::MAX).to_label(), Ok(u32::MAX));
        assert_eq!((-1i32).to_label(), Err(InvalidPartition { id: -1 }));
        let big = u64::from(u32::MAX) + 1;
        assert_eq!(big.to_label(), Err(InvalidPartition { id: big.into() }));
        assert!((-3i64).to_label().unwrap_err().to_string().contains("-3"));
    }
}
