//! One Raft group's observer: what a RawNode loop calls, and what it remembers between calls.

use std::collections::{BTreeSet, VecDeque};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use raft::eraftpb::{ConfChange, ConfChangeV2, Entry, Message, MessageType};
use raft::{RawNode, SnapshotStatus, StateRole, Storage};
use raft_metrics::{Direction, Outcome, ProposalFailure, RaftState, RejectReason, Rpc, RpcError};

use crate::messages::{kind, request_of, Kind};
use crate::peers::{timed_slot, Peers};
use crate::proposals::Proposals;
use crate::{entry_bytes, GroupMetrics};

/// How far behind (in entries) a voter may be and still count as in sync.
pub const IN_SYNC_ENTRIES: u64 = 100;

/// How often the storage's first index (a lock in most storages) is read at most.
const LOG_SAMPLE: std::time::Duration = std::time::Duration::from_millis(100);

/// How many recent log indexes the observer remembers the arrival time of (for lag in time).
const APPENDED_WINDOW: usize = 4096;

/// How often, at most, a leader walks its peers' progress (lag, in-sync replicas, quorum
/// acknowledgement age) and the membership is compared: both change far more slowly than the
/// ready loop turns, and a scrape reads them once a second or less.
pub const SAMPLE_EVERY: std::time::Duration = std::time::Duration::from_millis(200);

/// Observations that keep the role (state, term, leader) store what changed and return without
/// reading the clock, except every this many: the sampled gauges (lag, acknowledgement ages,
/// the log's size) still refresh, on a busy group and on one that does nothing but tick.
pub const OBSERVATIONS_PER_CLOCK: u32 = 8;

/// What an observation compares first.
#[derive(Clone, Copy, Debug)]
struct Glance {
    state: StateRole,
    term: u64,
    leader: u64,
    committed: u64,
    applied: u64,
    pending: usize,
    /// A leader's last index (it times its new entries); 0 on other nodes.
    last: u64,
}

impl Glance {
    /// Before the first observation: differs from any glance.
    const NONE: Glance = Glance {
        state: StateRole::Follower,
        term: u64::MAX,
        leader: u64::MAX,
        committed: u64::MAX,
        applied: u64::MAX,
        pending: usize::MAX,
        last: u64::MAX,
    };

    /// Whether the state, term and leader, which only a timed observation handles, are the
    /// same.
    fn same_role(&self, other: &Glance) -> bool {
        self.state == other.state && self.term == other.term && self.leader == other.leader
    }

    /// Whether the indexes or the pending proposals moved.
    fn moved(&self, other: &Glance) -> bool {
        self.committed != other.committed
            || self.applied != other.applied
            || self.last != other.last
            || self.pending != other.pending
    }
}

/// Feeds one group's metrics from its RawNode; keep it beside the RawNode in the loop that
/// drives it. Dropping it reports the group shut down.
#[derive(Debug)]
pub struct Observer {
    m: GroupMetrics,
    /// The state last exposed.
    state: Option<RaftState>,
    /// The election running on this node: when it started, and in which term.
    election: Option<(Instant, u64)>,
    voters: BTreeSet<u64>,
    learners: BTreeSet<u64>,
    /// A cheap summary of the last membership seen, to compare without building sets.
    conf_print: (usize, u64, u64),
    /// Whether this node is a learner in that membership.
    learner: bool,
    /// What the last observation saw (term, leader, indexes, pending proposals), what the last
    /// timed one exposed, and its role; observations since the clock was read, and whether
    /// the last one found nothing changed.
    seen: Glance,
    exposed: Glance,
    /// Sampling at every observation (`sample_every` zero).
    exact: bool,
    since_clock: u32,
    quiet: bool,
    /// When each new last log index appeared, oldest first.
    appended: VecDeque<(u64, Instant)>,
    /// Each peer: when it was last heard from, the round trips being timed, its series.
    peers: Peers,
    proposals: Proposals,
    /// Scratch space for the voters' acknowledgement ages (no allocation per observation).
    ages: Vec<f64>,
    /// The last log index last read.
    last_index: u64,
    /// The time of the last observation, and when the storage's first index is next read.
    now: Option<Instant>,
    next_log_sample: Option<Instant>,
    /// When the peers' progress and the membership are next sampled, and how often.
    next_sample: Option<Instant>,
    sample_every: std::time::Duration,
}

/// What the metrics need of a received message: its header and entry count (taken before
/// `step` consumes it, without copying the entries).
#[derive(Clone, Copy, Debug)]
struct Head {
    t: MessageType,
    from: u64,
    term: u64,
    reject: bool,
    entries: usize,
}

impl Head {
    fn of(m: &Message) -> Head {
        Head {
            t: m.get_msg_type(),
            from: m.from,
            term: m.term,
            reject: m.reject,
            entries: m.entries.len(),
        }
    }
}

fn now_seconds() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn outcome(ok: bool) -> Outcome {
    if ok {
        Outcome::Success
    } else {
        Outcome::Failure
    }
}

impl Observer {
    pub fn new(m: GroupMetrics) -> Self {
        Observer {
            m,
            state: None,
            election: None,
            voters: BTreeSet::new(),
            learners: BTreeSet::new(),
            conf_print: (0, 0, 0),
            learner: false,
            seen: Glance::NONE,
            exposed: Glance::NONE,
            exact: false,
            since_clock: 0,
            quiet: false,
            appended: VecDeque::new(),
            peers: Peers::default(),
            proposals: Proposals::default(),
            ages: Vec::new(),
            last_index: 0,
            now: None,
            next_log_sample: None,
            next_sample: None,
            sample_every: SAMPLE_EVERY,
        }
    }

    /// Sample the peers' progress and the membership at most every `every` instead of
    /// [`SAMPLE_EVERY`] (zero: at every observation, as tests that step by hand want).
    pub fn sample_every(mut self, every: std::time::Duration) -> Self {
        self.set_sample_every(every);
        self
    }

    /// [`Observer::sample_every`] in place.
    pub fn set_sample_every(&mut self, every: std::time::Duration) {
        self.sample_every = every;
        self.exact = every.is_zero();
        self.next_sample = None;
    }

    pub fn metrics(&self) -> &GroupMetrics {
        &self.m
    }

    /// After each ready/advance round and tick: the group's state as the RawNode has it now.
    /// Inline: most observations compare a few fields and return (see [`Self::untimed`]).
    #[inline]
    pub fn observe<S: Storage>(&mut self, raw: &RawNode<S>) {
        let r = &raw.raft;
        let leading = r.state == StateRole::Leader;
        let glance = Glance {
            state: r.state,
            term: r.term,
            leader: r.leader_id,
            committed: r.raft_log.committed,
            applied: r.raft_log.applied,
            pending: self.proposals.len(),
            // Without the storage's lock: the unstable entries' last, else the persisted.
            last: if leading {
                let log = &r.raft_log;
                log.unstable.maybe_last_index().unwrap_or(log.persisted)
            } else {
                0
            },
        };
        if !self.untimed(&glance) {
            self.timed(raw, glance);
        }
    }

    /// An observation that reads the clock: what moved, a new role, sampling.
    #[inline(never)]
    fn timed<S: Storage>(&mut self, raw: &RawNode<S>, glance: Glance) {
        let r = &raw.raft;
        let leading = r.state == StateRole::Leader;
        let before = self.expose_indexes(glance);
        self.since_clock = 0;
        let now = Instant::now();
        self.now = Some(now);
        let last = self.indexes(raw, now, leading.then_some(glance.last));
        let sample = self.next_sample.is_none_or(|t| now >= t);
        if sample {
            self.next_sample = Some(now + self.sample_every);
            self.membership(raw);
        }
        if !before.same_role(&glance) {
            self.new_role(raw, &before, glance);
        }
        // Arrival times of new entries: a leader's, for its followers' lag in seconds.
        if leading && self.appended.back().is_none_or(|(i, _)| *i < last) {
            self.appended.push_back((last, now));
            if self.appended.len() > APPENDED_WINDOW {
                self.appended.pop_front();
            }
        }
        // A new leader's progress is sampled at once, then every `sample_every`.
        if leading && (sample || self.peers.iter().all(|p| p.lag.is_none())) {
            self.progress(raw, last, now);
        }
    }

    /// Commit, applied, pending proposals and a leader's last index, stored when they changed
    /// since the last timed observation.
    fn expose_indexes(&mut self, glance: Glance) -> Glance {
        let before = std::mem::replace(&mut self.exposed, glance);
        let p = &self.m.group;
        if before.committed != glance.committed {
            p.commit_index().set(glance.committed as i64);
        }
        if before.applied != glance.applied {
            p.last_applied_index().set(glance.applied as i64);
        }
        if before.pending != glance.pending {
            p.proposals_pending().set(glance.pending as i64);
        }
        if before.last != glance.last && glance.state == StateRole::Leader {
            p.log_last_index().set(glance.last as i64);
        }
        before
    }

    /// A new state, term or leader since `before`, the last timed glance (every leader change
    /// is one): the state gauges, leader changes and elections.
    fn new_role<S: Storage>(&mut self, raw: &RawNode<S>, before: &Glance, glance: Glance) {
        let r = &raw.raft;
        let state = match r.state {
            StateRole::Leader => RaftState::Leader,
            StateRole::Candidate => RaftState::Candidate,
            StateRole::PreCandidate => RaftState::PreCandidate,
            StateRole::Follower if self.learner => RaftState::Learner,
            StateRole::Follower => RaftState::Follower,
        };
        self.set_state(state);
        let p = &self.m.group;
        p.current_term().set(glance.term as i64);
        if glance.leader != before.leader {
            if glance.leader != 0 {
                p.leader_changes_seen_total().inc();
            }
            p.has_leader().set(i64::from(glance.leader != 0));
        }
        self.election(state, glance.term);
    }

    /// Whether this observation returns at once: the role (state, term, leader) is the one
    /// last timed, and the group is idle or busy. Busy: what moved (commit, applied, pending
    /// proposals, a leader's last index) is exposed by the next timed observation, at most
    /// [`OBSERVATIONS_PER_CLOCK`] later, a millisecond or so on a busy group. Idle: the
    /// sampled gauges (lag, acknowledgement ages, the log's size) refresh every as many ticks.
    /// A leader's first move after a quiet spell (a write to an idle group) is timed at once,
    /// for its entries' arrival times.
    #[inline]
    fn untimed(&mut self, glance: &Glance) -> bool {
        let moved = glance.moved(&self.seen);
        self.seen = *glance;
        let was_quiet = std::mem::replace(&mut self.quiet, !moved);
        if self.exact || !glance.same_role(&self.exposed) {
            return false;
        }
        let arrived = moved && was_quiet && glance.state == StateRole::Leader;
        self.since_clock += 1;
        self.since_clock < OBSERVATIONS_PER_CLOCK && !arrived
    }

    /// The last log index: a leader's (it times its entries) from its glance, otherwise a
    /// storage read every [`LOG_SAMPLE`]; with the log's size in entries at the same cadence.
    fn indexes<S: Storage>(
        &mut self,
        raw: &RawNode<S>,
        now: Instant,
        leader_last: Option<u64>,
    ) -> u64 {
        let (r, p) = (&raw.raft, &self.m.group);
        let sample = self.next_log_sample.is_none_or(|t| now >= t);
        if leader_last.is_none() && !sample {
            return self.last_index;
        }
        // A leader's last index was exposed with its glance; another node's is read here.
        let last = leader_last.unwrap_or_else(|| {
            let last = r.raft_log.last_index();
            p.log_last_index().set(last as i64);
            last
        });
        self.last_index = last;
        if sample {
            self.next_log_sample = Some(now + LOG_SAMPLE);
            let first = r.raft_log.first_index();
            p.log_size_entries()
                .set((last + 1).saturating_sub(first) as i64);
            // Entries before the first kept one live in the snapshot.
            p.snapshot_last_index().set(first.saturating_sub(1) as i64);
        }
        last
    }

    /// Exposes a new state: one gauge per state, and the node's leader / follower counts.
    fn set_state(&mut self, state: RaftState) {
        if self.state == Some(state) {
            return;
        }
        let p = &self.m.group;
        for s in RaftState::ALL {
            p.node_state(s).set(i64::from(s == state));
        }
        let node = &self.m.node;
        let count = |s: Option<RaftState>, d: i64| match s {
            Some(RaftState::Leader) => node.leader_partitions().add(d),
            Some(RaftState::Follower) => node.follower_partitions().add(d),
            _ => {}
        };
        count(self.state, -1);
        count(Some(state), 1);
        if self.state == Some(RaftState::Leader) {
            // Leading no more: lag and acknowledgement belong to the new leader.
            for (entries, seconds) in self.peers.iter().filter_map(|p| p.lag.as_ref()) {
                entries.set(0);
                seconds.set(0.0);
            }
            p.max_follower_lag_entries().set(0);
            p.in_sync_replicas().set(0);
            p.quorum_ack_age_seconds().set(0.0);
        }
        self.state = Some(state);
    }

    /// Elections start when this node campaigns (or pre-campaigns) and end when it leads
    /// (won) or follows again (lost).
    fn election(&mut self, state: RaftState, term: u64) {
        let p = &self.m.group;
        match (self.election, state) {
            (None, RaftState::PreCandidate | RaftState::Candidate) => self.start_election(term),
            (Some((started, _)), RaftState::Leader | RaftState::Follower | RaftState::Learner) => {
                let won = state == RaftState::Leader;
                p.elections_total(outcome(won)).inc();
                p.election_duration_seconds()
                    .observe(started.elapsed().as_secs_f64());
                self.election = None;
            }
            _ => {}
        }
    }

    fn start_election(&mut self, term: u64) {
        self.election = Some((Instant::now(), term));
        // Its own vote; granted votes from peers are counted as they arrive.
        self.m.group.votes_received().set(1);
        self.m
            .group
            .last_election_timestamp_seconds()
            .set(now_seconds());
    }

    /// Voters and learners, and what changed since the last observation.
    fn membership<S: Storage>(&mut self, raw: &RawNode<S>) {
        let conf = raw.raft.prs().conf();
        let voters = conf.voters().ids();
        let learners = conf.learners();
        // Count, sum and a mix of the ids, voters and learners apart: equal only for the
        // same membership in practice, and no set is built to find out.
        let print = voters
            .iter()
            .fold((0, 0, 0), |(n, sum, mix): (usize, u64, u64), v| {
                (
                    n + 1,
                    sum.wrapping_add(v),
                    mix ^ v.wrapping_mul(0x9e37_79b9_7f4a_7c15),
                )
            });
        let print = learners.iter().fold(print, |(n, sum, mix), l| {
            (
                n + 1000,
                sum.wrapping_add(l << 32),
                mix ^ l.wrapping_mul(0xc2b2_ae3d_27d4_eb4f),
            )
        });
        if print == self.conf_print && !self.voters.is_empty() {
            return;
        }
        self.conf_print = print;
        let new_voters: BTreeSet<u64> = voters.iter().collect();
        let new_learners: BTreeSet<u64> = learners.iter().copied().collect();
        let p = &self.m.group;
        // The first observation is the group's starting configuration, not a change.
        if !self.voters.is_empty() {
            use raft_metrics::ConfigChange as C;
            let changes = [
                (new_voters.difference(&self.voters).next(), C::AddVoter),
                (self.voters.difference(&new_voters).next(), C::RemoveVoter),
                (
                    new_learners.difference(&self.learners).next(),
                    C::AddLearner,
                ),
                (
                    self.learners.difference(&new_learners).next(),
                    C::RemoveLearner,
                ),
            ];
            for (_, c) in changes.iter().filter(|(any, _)| any.is_some()) {
                p.config_changes_total(*c).inc();
            }
        }
        p.cluster_voters().set(new_voters.len() as i64);
        p.cluster_learners().set(new_learners.len() as i64);
        p.quorum_size().set(new_voters.len() as i64 / 2 + 1);
        self.learner = new_learners.contains(&raw.raft.id);
        self.voters = new_voters;
        self.learners = new_learners;
    }

    /// A leader's view of its followers: lag in entries and in time, in-sync voters, and how
    /// long ago a quorum was last heard from.
    fn progress<S: Storage>(&mut self, raw: &RawNode<S>, last: u64, now: Instant) {
        let p = &self.m.group;
        let me = raw.raft.id;
        let mut in_sync = 0;
        let mut max_lag = 0;
        let mut slowest = last;
        for (peer, pr) in raw.raft.prs().iter() {
            let lag = last.saturating_sub(pr.matched);
            if *peer != me {
                let slot = self.peers.get(*peer);
                let (entries, seconds) = slot.lag.get_or_insert_with(|| {
                    (p.follower_lag_entries(*peer), p.follower_lag_seconds(*peer))
                });
                entries.set(lag as i64);
                let first = self.appended.partition_point(|(i, _)| *i <= pr.matched);
                let waiting = self
                    .appended
                    .get(first)
                    .map_or(0.0, |(_, t)| now.duration_since(*t).as_secs_f64());
                seconds.set(waiting);
                max_lag = max_lag.max(lag);
                slowest = slowest.min(pr.matched);
            }
            if self.voters.contains(peer) && (*peer == me || lag <= IN_SYNC_ENTRIES) {
                in_sync += 1;
            }
        }
        p.in_sync_replicas().set(in_sync);
        p.max_follower_lag_entries().set(max_lag as i64);
        // Arrival times every follower has acknowledged are no longer needed.
        let done = self.appended.partition_point(|(i, _)| *i <= slowest);
        self.appended.drain(..done);

        // The quorum's acknowledgement age: the quorum-th most recent voter (itself now).
        self.ages.clear();
        for v in &self.voters {
            let heard = if *v == me {
                Some(now)
            } else {
                self.peers.get(*v).heard
            };
            self.ages.push(heard.map_or(f64::INFINITY, |t| {
                now.saturating_duration_since(t).as_secs_f64()
            }));
        }
        self.ages.sort_by(f64::total_cmp);
        let quorum = self.voters.len() / 2 + 1;
        if let Some(age) = self.ages.get(quorum - 1).filter(|a| a.is_finite()) {
            p.quorum_ack_age_seconds().set(*age);
        }
    }

    /// Each message this node sends (from `Ready::messages`, `persisted_messages` and
    /// `LightReady::messages`).
    #[inline]
    pub fn sent(&mut self, msg: &Message) {
        let t = msg.get_msg_type();
        // Responses and local messages record nothing when sent.
        if let Kind::Request(_) = kind(t) {
            self.sent_request(msg, t);
        }
    }

    fn sent_request(&mut self, msg: &Message, t: MessageType) {
        let p = &self.m.group;
        let peer = self.peers.get(msg.to);
        if let Some(i) = timed_slot(t) {
            peer.sending(i, self.now);
        }
        match t {
            MessageType::MsgAppend if !msg.entries.is_empty() => {
                let bytes: u64 = msg.entries.iter().map(entry_bytes).sum();
                peer.sent_entries
                    .get_or_insert_with(|| p.replication_sent_entries_total(msg.to))
                    .inc_by(msg.entries.len() as u64);
                p.append_entries_size_bytes().observe(bytes as f64);
            }
            MessageType::MsgRequestVote | MessageType::MsgRequestPreVote
                if self.election.is_none() =>
            {
                self.start_election(msg.term);
            }
            _ => {}
        }
    }

    /// `RawNode::step` for a message from a peer, recorded.
    pub fn step<S: Storage>(&mut self, raw: &mut RawNode<S>, msg: Message) -> raft::Result<()> {
        let head = Head::of(&msg);
        let result = raw.step(msg);
        self.record_received(&head, result.is_ok());
        result
    }

    /// Each message this node receives, with whether `RawNode::step` took it (or use
    /// [`Observer::step`]).
    pub fn received(&mut self, msg: &Message, stepped: bool) {
        self.record_received(&Head::of(msg), stepped);
    }

    #[inline]
    fn record_received(&mut self, msg: &Head, stepped: bool) {
        match kind(msg.t) {
            Kind::Request(rpc) => self.request_received(rpc, msg, stepped),
            Kind::Response(rpc) => self.response_received(rpc, msg),
            Kind::Local => {}
        }
    }

    fn request_received(&mut self, rpc: Rpc, msg: &Head, stepped: bool) {
        let (node, p) = (&self.m.node, &self.m.group);
        let peer = self.peers.heard(msg.from, self.now);
        node.rpc_received_total(rpc, outcome(stepped)).inc();
        match msg.t {
            MessageType::MsgAppend if msg.entries > 0 => {
                peer.received_entries
                    .get_or_insert_with(|| p.replication_received_entries_total(msg.from))
                    .inc_by(msg.entries as u64);
            }
            MessageType::MsgSnapshot => {
                p.snapshot_transfers_total(Direction::Receive, outcome(stepped))
                    .inc();
            }
            _ => {}
        }
    }

    fn response_received(&mut self, rpc: Rpc, msg: &Head) {
        let peer = self.peers.heard(msg.from, self.now);
        // Only a probe's answer reads the clock.
        let took = request_of(msg.t)
            .and_then(timed_slot)
            .and_then(|i| peer.answered(i));
        let a = peer.answer(&self.m, rpc);
        if let Some(took) = took {
            a.duration.observe(took);
        }
        a.calls.inc();
        self.answered(msg);
    }

    /// What a peer's answer says: rejections, granted votes, heartbeats.
    fn answered(&mut self, msg: &Head) {
        let p = &self.m.group;
        match msg.t {
            MessageType::MsgAppendResponse if msg.term > self.exposed.term => {
                p.append_entries_rejected_total(RejectReason::HigherVote)
                    .inc();
            }
            MessageType::MsgAppendResponse if msg.reject => {
                p.append_entries_rejected_total(RejectReason::LogConflict)
                    .inc();
            }
            MessageType::MsgHeartbeatResponse => {
                let from = msg.from;
                self.peers
                    .get(from)
                    .heartbeat
                    .get_or_insert_with(|| p.last_heartbeat_timestamp_seconds(from))
                    .set(now_seconds());
            }
            MessageType::MsgRequestVoteResponse
                if !msg.reject && self.election.is_some_and(|(_, term)| msg.term >= term) =>
            {
                p.votes_received().inc();
            }
            _ => {}
        }
    }

    /// A message that could not be delivered (call beside `RawNode::report_unreachable`). A
    /// send task that no longer has the message records it with [`crate::Transport`].
    pub fn unreachable(&mut self, msg: &Message) {
        let t = msg.get_msg_type();
        if let Some(i) = timed_slot(t) {
            self.peers.get(msg.to).lost(i);
        }
        self.m.transport().unreachable(msg.to, t);
    }

    /// The outcome of a snapshot sent to `peer` (call beside `RawNode::report_snapshot`).
    pub fn snapshot_reported(&mut self, peer: u64, status: SnapshotStatus) {
        let ok = matches!(status, SnapshotStatus::Finish);
        let slot = self.peers.get(peer);
        let took = timed_slot(MessageType::MsgSnapshot).and_then(|i| slot.answered(i));
        let a = slot.answer(&self.m, Rpc::InstallSnapshot);
        if let Some(took) = took {
            a.duration.observe(took);
        }
        if ok {
            a.calls.inc();
        } else {
            let t = MessageType::MsgSnapshot;
            self.m.transport().failed(peer, t, RpcError::Unknown);
        }
        self.m
            .group
            .snapshot_transfers_total(Direction::Send, outcome(ok))
            .inc();
    }

    /// `RawNode::propose`, counted: a leader's proposal is followed to its commit.
    pub fn propose<S: Storage>(
        &mut self,
        raw: &mut RawNode<S>,
        context: Vec<u8>,
        data: Vec<u8>,
    ) -> raft::Result<()> {
        self.counted(raw, |raw| raw.propose(context, data))
    }

    /// `RawNode::propose_conf_change` with a `ConfChange` (v1), counted as a proposal.
    pub fn propose_conf_change<S: Storage>(
        &mut self,
        raw: &mut RawNode<S>,
        context: Vec<u8>,
        cc: ConfChange,
    ) -> raft::Result<()> {
        self.counted(raw, |raw| raw.propose_conf_change(context, cc))
    }

    /// `RawNode::propose_conf_change` with a `ConfChangeV2`, counted as a proposal.
    pub fn propose_conf_change_v2<S: Storage>(
        &mut self,
        raw: &mut RawNode<S>,
        context: Vec<u8>,
        cc: ConfChangeV2,
    ) -> raft::Result<()> {
        self.counted(raw, |raw| raw.propose_conf_change(context, cc))
    }

    /// One proposal through `propose`, counted and, on a leader, followed to its commit.
    fn counted<S: Storage>(
        &mut self,
        raw: &mut RawNode<S>,
        propose: impl FnOnce(&mut RawNode<S>) -> raft::Result<()>,
    ) -> raft::Result<()> {
        self.m.group.proposals_total().inc();
        let result = propose(raw);
        self.proposed(raw, &result);
        result
    }

    /// A proposal refused before it reached raft (this node does not lead, it is shutting
    /// down, a queue is full): counted as proposed and failed with `cause`.
    pub fn refused(&mut self, cause: ProposalFailure) {
        let p = &self.m.group;
        p.proposals_total().inc();
        p.proposals_failed_total(cause).inc();
    }

    fn proposed<S: Storage>(&mut self, raw: &RawNode<S>, result: &raft::Result<()>) {
        let p = &self.m.group;
        match result {
            Ok(()) if raw.raft.state == StateRole::Leader => {
                let dropped = self.proposals.add(
                    raw.raft.raft_log.last_index(),
                    raw.raft.term,
                    Instant::now(),
                );
                if dropped > 0 {
                    p.proposals_failed_total(ProposalFailure::Dropped)
                        .inc_by(dropped);
                }
            }
            Ok(()) => {}
            Err(e) => p.proposals_failed_total(failure(e)).inc(),
        }
    }

    /// Each batch of committed entries (`Ready::committed_entries`,
    /// `LightReady::committed_entries`), before or after applying it.
    #[inline]
    pub fn committed(&mut self, entries: &[Entry]) {
        // Most ready rounds commit nothing.
        if !entries.is_empty() {
            self.committed_batch(entries);
        }
    }

    fn committed_batch(&mut self, entries: &[Entry]) {
        let p = &self.m.group;
        let n = entries.len() as u64;
        p.commit_batches_total().inc();
        p.committed_entries_total().inc_by(n);
        p.commit_batch_size_entries().observe(n as f64);
        let last = entries[entries.len() - 1].index;
        // Only a leader's own proposals are timed: other batches read no clock.
        if !self.proposals.due(last) {
            return;
        }
        let latency = p.commit_latency_seconds();
        let failed = self.proposals.commit(
            entries.iter().map(|e| (e.index, e.term)),
            Instant::now(),
            |s| latency.observe(s),
        );
        if failed > 0 {
            p.proposals_failed_total(ProposalFailure::Superseded)
                .inc_by(failed);
        }
    }
}

/// The cause of a proposal raft refused.
fn failure(e: &raft::Error) -> ProposalFailure {
    match e {
        raft::Error::ProposalDropped => ProposalFailure::Dropped,
        raft::Error::Store(_) | raft::Error::Io(_) => ProposalFailure::Storage,
        _ => ProposalFailure::Other,
    }
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.set_state(RaftState::Shutdown);
        self.m.group.has_leader().set(0);
    }
}
