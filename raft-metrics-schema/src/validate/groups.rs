//! `[[group]]`: the dashboard rows and alert groups, in `order`.

use std::collections::HashMap;

use super::names::is_snake_case;
use super::Validator;
use crate::model::Group;
use crate::parse::RawSchema;

impl Validator<'_> {
    pub(super) fn groups(&mut self, raw: &RawSchema) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::new();
        let mut orders: HashMap<u64, String> = HashMap::new();
        for g in &raw.groups {
            let id = self.required(&g.id, &g.span, "[[group]]", "id", "\"cluster\"");
            let title = self.required(
                &g.title,
                &g.span,
                "[[group]]",
                "title",
                "\"Cluster health\"",
            );
            let order = self.required(&g.order, &g.span, "[[group]]", "order", "1");
            let (Some(id), Some(title), Some(order)) = (id, title, order) else {
                continue;
            };
            if !is_snake_case(&id.value) {
                self.sink.error(
                    id.span.clone(),
                    format!("group id `{}` is not snake_case", id.value),
                    "use lowercase letters, digits and underscores",
                );
            }
            if out.iter().any(|o| o.id == id.value) {
                self.sink.error(
                    id.span.clone(),
                    format!("group `{}` is defined twice", id.value),
                    "remove or rename one of the two [[group]] entries",
                );
                continue;
            }
            if let Some(other) = orders.get(&order.value) {
                self.sink.error(
                    order.span.clone(),
                    format!(
                        "group `{}` has the same order {} as group `{other}`",
                        id.value, order.value
                    ),
                    "give every group a distinct order",
                );
            }
            orders.insert(order.value, id.value.clone());
            if title.value.trim().is_empty() {
                self.sink.error(
                    title.span.clone(),
                    "group title is empty",
                    "write the row title shown on the dashboard",
                );
            }
            out.push(Group {
                id: id.value.clone(),
                title: title.value.clone(),
                order: order.value,
                description: g.description.as_ref().map(|d| d.value.clone()),
                span: g.span.clone(),
            });
        }
        out.sort_by_key(|g| g.order);
        out
    }
}
