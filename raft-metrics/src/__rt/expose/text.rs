//! The Prometheus text format (0.0.4), written straight into a byte buffer: label text of a
//! scope instance is rendered once when the instance is created, numbers are formatted
//! without allocation, and a histogram's labels once per series.

use super::super::escape::{escape_into, push_label_bytes};
use super::super::value::Sample;
use super::detailed::Detailed;
use super::out::{Labels, Out};
use super::summary::Summary;
use super::{Constant, Expose, FamilyDesc, Level};

/// The text exposition (format 0.0.4) of one level, appended to `out`.
pub fn encode<F: Expose + ?Sized>(m: &F, level: Level, out: &mut Vec<u8>) {
    let mut text = Text::new(m.constant(), out);
    match level {
        Level::Detailed => m.expose(&mut Detailed::new(&mut text, None)),
        Level::Summary => m.expose(&mut Summary::new(&mut text, None)),
    }
}

/// A float as Prometheus reads it: integers without a fraction, `+Inf`, `-Inf`, `NaN`.
pub fn push_float(out: &mut Vec<u8>, v: f64) {
    if v.is_nan() {
        out.extend_from_slice(b"NaN");
    } else if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 { b"+Inf" } else { b"-Inf" });
    } else if v == v.trunc() && v.abs() < 1e15 {
        out.extend_from_slice(itoa::Buffer::new().format(v as i64).as_bytes());
    } else {
        out.extend_from_slice(ryu::Buffer::new().format_finite(v).as_bytes());
    }
}

fn push_int<I: itoa::Integer>(out: &mut Vec<u8>, v: I) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// Text output: HELP and TYPE before a family's first series.
pub struct Text<'a> {
    constant: &'a Constant,
    out: &'a mut Vec<u8>,
    /// The family whose header was written last.
    current: Option<usize>,
    /// A series' label text, reused by every line of a histogram.
    labels: Vec<u8>,
}

impl<'a> Text<'a> {
    pub fn new(constant: &'a Constant, out: &'a mut Vec<u8>) -> Self {
        Text {
            constant,
            out,
            current: None,
            labels: Vec::new(),
        }
    }

    fn header(&mut self, desc: &FamilyDesc) {
        if self.current == Some(desc.index) {
            return;
        }
        self.current = Some(desc.index);
        let out = &mut *self.out;
        out.extend_from_slice(b"# HELP ");
        out.extend_from_slice(desc.name.as_bytes());
        out.push(b' ');
        escape_into(out, desc.help, false);
        out.extend_from_slice(b"\n# TYPE ");
        out.extend_from_slice(desc.name.as_bytes());
        out.push(b' ');
        out.extend_from_slice(desc.kind.as_str().as_bytes());
        out.push(b'\n');
    }

    /// The label text of a series (without braces) into `self.labels`.
    fn render(&mut self, labels: &Labels<'_>) {
        let buf = &mut self.labels;
        buf.clear();
        buf.extend_from_slice(self.constant.text.as_bytes());
        if let Some((_, e)) = labels.scope {
            if !buf.is_empty() && !e.text().is_empty() {
                buf.push(b',');
            }
            buf.extend_from_slice(e.text().as_bytes());
        }
        for (n, v) in labels.names.iter().zip(labels.values) {
            push_label_bytes(buf, n, v);
        }
    }

    /// `name_suffix{labels[,le="x"]} `
    fn line_start(&mut self, desc: &FamilyDesc, suffix: &str, le: Option<&str>) {
        let out = &mut *self.out;
        out.extend_from_slice(desc.name.as_bytes());
        out.extend_from_slice(suffix.as_bytes());
        if self.labels.is_empty() && le.is_none() {
            out.push(b' ');
            return;
        }
        out.push(b'{');
        out.extend_from_slice(&self.labels);
        if let Some(le) = le {
            if !self.labels.is_empty() {
                out.push(b',');
            }
            out.extend_from_slice(b"le=\"");
            out.extend_from_slice(le.as_bytes());
            out.push(b'"');
        }
        out.extend_from_slice(b"} ");
    }
}

impl Out for Text<'_> {
    fn series(&mut self, desc: &FamilyDesc, labels: &Labels<'_>, sample: &Sample<'_>) {
        self.header(desc);
        self.render(labels);
        match sample {
            Sample::Counter(v) => {
                self.line_start(desc, "", None);
                push_int(self.out, *v);
            }
            Sample::Gauge(v) => {
                self.line_start(desc, "", None);
                push_int(self.out, *v);
            }
            Sample::FloatCounter(v) | Sample::FloatGauge(v) => {
                self.line_start(desc, "", None);
                push_float(self.out, *v);
            }
            Sample::Histogram(h) => {
                let mut total = 0u64;
                for (i, c) in h.counts.iter().enumerate() {
                    total += c;
                    let le = desc.les.get(i).copied().unwrap_or("+Inf");
                    let le = if i + 1 == h.counts.len() { "+Inf" } else { le };
                    self.line_start(desc, "_bucket", Some(le));
                    push_int(self.out, total);
                    self.out.push(b'\n');
                }
                self.line_start(desc, "_sum", None);
                push_float(self.out, h.sum);
                self.out.push(b'\n');
                self.line_start(desc, "_count", None);
                push_int(self.out, total);
            }
        }
        self.out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(v: f64) -> String {
        let mut out = Vec::new();
        push_float(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn floats_are_written_as_prometheus_reads_them() {
        assert_eq!(float(1.0), "1");
        assert_eq!(float(-3.0), "-3");
        assert_eq!(float(0.25), "0.25");
        assert_eq!(float(1e-7), "1e-7");
        assert_eq!(float(1e300), "1e300");
        assert_eq!(float(f64::INFINITY), "+Inf");
        assert_eq!(float(f64::NEG_INFINITY), "-Inf");
        assert_eq!(float(f64::NAN), "NaN");
    }
}
