//! What the observer keeps per peer: when it was last heard from, the round trip being timed,
//! and the peer's series, resolved once. A group has a handful of peers, so they live in a
//! small vector searched by id: no hashing on the message path.

use std::time::{Duration, Instant};

use raft::eraftpb::MessageType;
use raft_metrics::{Gauge, Histogram, IntCounter, IntGauge, Outcome, Rpc, Series};

use crate::GroupMetrics;

/// At most one round trip of each request type to a peer is timed per this interval: enough
/// samples for the quantiles, and at most two clock reads per interval, whatever the load.
pub(crate) const PROBE_EVERY: Duration = Duration::from_millis(50);

/// A timed request unanswered for this long was lost (its response will never come): the next
/// request of its type starts a new probe instead of being matched with a late answer.
pub(crate) const PROBE_LOST: Duration = Duration::from_secs(5);

/// The request types whose round trips are timed, by slot.
const TIMED: [MessageType; 6] = [
    MessageType::MsgAppend,
    MessageType::MsgHeartbeat,
    MessageType::MsgRequestVote,
    MessageType::MsgRequestPreVote,
    MessageType::MsgReadIndex,
    MessageType::MsgSnapshot,
];

#[inline]
pub(crate) fn timed_slot(t: MessageType) -> Option<usize> {
    use MessageType::*;
    let slot = match t {
        MsgAppend => 0,
        MsgHeartbeat => 1,
        MsgRequestVote => 2,
        MsgRequestPreVote => 3,
        MsgReadIndex => 4,
        MsgSnapshot => 5,
        _ => return None,
    };
    debug_assert_eq!(TIMED[slot], t);
    Some(slot)
}

/// The series a peer's responses to one RPC update (node-wide, shared by the node's groups).
#[derive(Debug)]
pub(crate) struct Answer {
    pub calls: Series<IntCounter>,
    pub duration: Series<Histogram>,
}

/// One peer of the group.
#[derive(Debug)]
pub(crate) struct Peer {
    pub id: u64,
    /// When a message from it was last stepped (the observer's clock, not a fresh read).
    pub heard: Option<Instant>,
    /// The request of each timed type being timed, and when the next may start (or, while
    /// one is timed, when it counts as lost).
    probes: [Option<Instant>; TIMED.len()],
    due: [Option<Instant>; TIMED.len()],
    /// Responses per RPC (`Rpc as usize`), resolved on the first.
    answers: [Option<Answer>; 4],
    pub sent_entries: Option<Series<IntCounter>>,
    pub received_entries: Option<Series<IntCounter>>,
    pub lag: Option<(Series<IntGauge>, Series<Gauge>)>,
    pub heartbeat: Option<Series<Gauge>>,
}

impl Peer {
    fn new(id: u64) -> Peer {
        Peer {
            id,
            heard: None,
            probes: [None; TIMED.len()],
            due: [None; TIMED.len()],
            answers: Default::default(),
            sent_entries: None,
            received_entries: None,
            lag: None,
            heartbeat: None,
        }
    }

    /// A request of type slot `i` goes out at about `now`: time it if none is being timed and
    /// the interval has passed, or the one timed is lost. Most sends compare one deadline.
    #[inline]
    pub fn sending(&mut self, i: usize, now: Option<Instant>) {
        let due = match now {
            Some(now) => self.due[i].is_none_or(|d| now >= d),
            // Before the first observation: only when none is being timed.
            None => self.probes[i].is_none(),
        };
        if due {
            let at = Instant::now();
            self.probes[i] = Some(at);
            self.due[i] = Some(at + PROBE_LOST);
        }
    }

    /// The response to a request of slot `i`: the round trip, if that request was timed.
    pub fn answered(&mut self, i: usize) -> Option<f64> {
        let started = self.probes[i].take()?;
        self.due[i] = Some(started + PROBE_EVERY);
        Some(started.elapsed().as_secs_f64())
    }

    /// A request of slot `i` was not delivered: its probe, if any, is over.
    pub fn lost(&mut self, i: usize) {
        if let Some(started) = self.probes[i].take() {
            self.due[i] = Some(started + PROBE_EVERY);
        }
    }

    pub fn answer(&mut self, m: &GroupMetrics, rpc: Rpc) -> &Answer {
        let id = self.id;
        self.answers[rpc as usize].get_or_insert_with(|| Answer {
            calls: m.node.rpc_calls_total(rpc, id, Outcome::Success),
            duration: m.node.rpc_duration_seconds(rpc, id),
        })
    }
}

/// The group's peers, by id.
#[derive(Debug, Default)]
pub(crate) struct Peers(Vec<Peer>);

impl Peers {
    #[inline]
    pub fn get(&mut self, id: u64) -> &mut Peer {
        match self.0.iter().position(|p| p.id == id) {
            Some(i) => &mut self.0[i],
            None => self.add(id),
        }
    }

    /// A message from `id` was stepped, at about `now` (the last observation's time: precise
    /// enough for acknowledgement ages).
    #[inline]
    pub fn heard(&mut self, id: u64, now: Option<Instant>) -> &mut Peer {
        let peer = self.get(id);
        if now.is_some() {
            peer.heard = now;
        }
        peer
    }

    #[cold]
    fn add(&mut self, id: u64) -> &mut Peer {
        self.0.push(Peer::new(id));
        self.0.last_mut().expect("pushed")
    }

    pub fn iter(&self) -> impl Iterator<Item = &Peer> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_probe_at_a_time_and_a_lost_one_is_replaced() {
        let mut p = Peer::new(2);
        let i = timed_slot(MessageType::MsgAppend).unwrap();
        p.sending(i, None);
        let first = p.probes[i].unwrap();
        // A second request while the first is timed is not timed.
        p.sending(i, Some(first + Duration::from_millis(1)));
        assert_eq!(p.probes[i], Some(first));
        assert!(p.answered(i).is_some());
        assert!(p.answered(i).is_none(), "one answer per probe");
        // The next probe waits for the interval.
        p.sending(i, Some(first + Duration::from_millis(1)));
        assert!(p.probes[i].is_none());
        p.sending(i, Some(first + PROBE_EVERY - Duration::from_millis(1)));
        assert!(p.probes[i].is_none());
        p.sending(i, Some(first + PROBE_EVERY));
        let second = p.probes[i].unwrap();
        // Unanswered past PROBE_LOST: replaced by the next request.
        p.sending(i, Some(second + PROBE_LOST));
        assert!(p.probes[i].unwrap() >= second);
        assert_eq!(timed_slot(MessageType::MsgAppendResponse), None);
    }
}
