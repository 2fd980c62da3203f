//! Where the sinks write series: the text format or protobuf families.

use super::super::instance::EntryLabels;
use super::super::value::Sample;
use super::FamilyDesc;

/// A series' labels, besides the constant ones: its scope instance's (already rendered), then
/// its own, by name and value.
pub struct Labels<'a> {
    pub scope: Option<(&'a [&'static str], &'a EntryLabels)>,
    pub names: &'a [&'a str],
    pub values: &'a [&'a str],
}

impl<'a> Labels<'a> {
    pub fn own(names: &'a [&'a str], values: &'a [&'a str]) -> Self {
        Labels {
            scope: None,
            names,
            values,
        }
    }

    /// Every (name, value) pair after the constant labels, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        let scope = self
            .scope
            .into_iter()
            .flat_map(|(names, e)| names.iter().copied().zip(e.values().iter().map(|v| &**v)));
        scope.chain(self.names.iter().copied().zip(self.values.iter().copied()))
    }
}

pub trait Out {
    /// One series of `desc`. A family's series arrive together; a family without any is not
    /// written at all.
    fn series(&mut self, desc: &FamilyDesc, labels: &Labels<'_>, sample: &Sample<'_>);
}
