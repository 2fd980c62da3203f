//! The detailed level: every series as it is, streamed to the output.

use super::super::window::Window;
use super::out::{Labels, Out};
use super::{FamilyDesc, Listed, Scoped, Sink, Slot};

pub struct Detailed<'o, O: Out> {
    out: &'o mut O,
    /// Only this family (one collector of a `prometheus::Registry` per family).
    only: Option<usize>,
    scratch: Vec<u64>,
}

impl<'o, O: Out> Detailed<'o, O> {
    pub fn new(out: &'o mut O, only: Option<usize>) -> Self {
        Detailed {
            out,
            only,
            scratch: Vec::new(),
        }
    }

    fn wants(&self, desc: &FamilyDesc) -> bool {
        !desc.derived && self.only.is_none_or(|i| i == desc.index)
    }
}

impl<O: Out> Sink for Detailed<'_, O> {
    fn node<S: Slot + ?Sized>(&mut self, desc: &FamilyDesc, slot: &S) {
        if !self.wants(desc) {
            return;
        }
        let out = &mut *self.out;
        slot.each(desc, &mut self.scratch, &mut |values, sample| {
            out.series(desc, &Labels::own(desc.labels, values), sample);
        });
    }

    fn scoped<C, S: Slot + ?Sized>(
        &mut self,
        desc: &FamilyDesc,
        scope: &Scoped<C>,
        project: impl Fn(&C) -> &S,
    ) {
        if !self.wants(desc) {
            return;
        }
        let out = &mut *self.out;
        for e in &scope.entries {
            let entry = e.labels();
            project(e.cells()).each(desc, &mut self.scratch, &mut |values, sample| {
                let labels = Labels {
                    scope: Some((scope.names, entry)),
                    names: desc.labels,
                    values,
                };
                out.series(desc, &labels, sample);
            });
        }
    }

    fn derived<C>(&mut self, _: &FamilyDesc, _: &Scoped<C>, _: impl Fn(&C, &Window<'_>) -> bool) {}

    fn exceptions<C>(&mut self, _: &FamilyDesc, _: &Scoped<C>, _: usize, _: &[Listed<'_, C>]) {}
}
