//! Following `Raft::metrics()`: state, term, indexes, lag, membership and elections.

use std::time::Instant;

use crate::GroupMetrics;
use openraft::{LogId, RaftTypeConfig, ServerState};
use raft_metrics::{Gauge, IntGauge, Outcome, RaftState, Series};

fn raft_state(s: ServerState) -> RaftState {
    match s {
        ServerState::Leader => RaftState::Leader,
        ServerState::Candidate => RaftState::Candidate,
        ServerState::Follower => RaftState::Follower,
        ServerState::Learner => RaftState::Learner,
        ServerState::Shutdown => RaftState::Shutdown,
    }
}

/// What [`watch`] remembers between two metrics updates.
#[derive(Default)]
struct Seen {
    state: Option<ServerState>,
    leader: Option<u64>,
    /// When each new last log index appeared, oldest first: a follower's lag in seconds is the
    /// age of the oldest entry it has not acknowledged.
    appended: std::collections::VecDeque<(u64, Instant)>,
    /// The membership last counted (its log id), so an unchanged one is not walked again.
    membership: Option<Option<LogId<u64>>>,
    /// Each follower's lag series, resolved once.
    lag: Vec<(u64, Series<IntGauge>, Series<Gauge>)>,
}

/// How many recent log indexes [`watch`] remembers the arrival time of.
const APPENDED_WINDOW: usize = 4096;

/// How often [`watch`] samples openraft's metrics at most: a scrape reads them once a second
/// or less, openraft publishes on every append, and an election takes longer than this (so
/// the leader changes it counts are not missed in practice).
pub const WATCH_INTERVAL: std::time::Duration = std::time::Duration::from_millis(200);

/// Follow the group's `Raft::metrics()` channel until the Raft shuts down.
pub fn watch<C>(raft: &openraft::Raft<C>, m: GroupMetrics) -> tokio::task::JoinHandle<()>
where
    C: RaftTypeConfig<NodeId = u64>,
{
    let mut rx = raft.metrics();
    tokio::spawn(async move {
        let mut seen = Seen::default();
        loop {
            // Observed in place: no copy of the metrics per change.
            observe(&m, &rx.borrow_and_update(), &mut seen);
            // openraft publishes on every log append; a sample every WATCH_INTERVAL is plenty
            // for a 1 s scrape and spares a task wake-up per commit.
            tokio::time::sleep(WATCH_INTERVAL).await;
            if rx.changed().await.is_err() {
                // The Raft is gone: it leads and follows nothing any more.
                let gone = openraft::RaftMetrics {
                    state: ServerState::Shutdown,
                    current_leader: None,
                    ..rx.borrow().clone()
                };
                observe(&m, &gone, &mut seen);
                return;
            }
        }
    })
}

fn observe<N: openraft::Node>(
    g: &GroupMetrics,
    m: &openraft::RaftMetrics<u64, N>,
    seen: &mut Seen,
) {
    let p = &g.group;
    p.current_term().set(m.current_term as i64);
    if seen.state != Some(m.state) {
        for s in RaftState::ALL {
            p.node_state(s).set(i64::from(s == raft_state(m.state)));
        }
    }
    p.has_leader().set(i64::from(m.current_leader.is_some()));
    if m.current_leader.is_some() && m.current_leader != seen.leader {
        p.leader_changes_seen_total().inc();
    }

    // Node-wide leader / follower counts move with this group's state.
    if seen.state != Some(m.state) {
        let counts = |s: Option<ServerState>, d: i64| match s {
            Some(ServerState::Leader) => g.node.leader_partitions().add(d),
            Some(ServerState::Follower) => g.node.follower_partitions().add(d),
            _ => {}
        };
        counts(seen.state, -1);
        counts(Some(m.state), 1);
    }
    // Elections: started by the first vote request of a term (see `GroupMetrics`); won when
    // this node leads in that term, lost once a later term or another leader is seen.
    if let Some(term) = g.election_term() {
        let won = m.state == ServerState::Leader && m.current_term == term;
        let lost = !won
            && (m.current_term > term
                || m.current_leader.is_some_and(|l| l != m.id)
                || m.state == ServerState::Shutdown);
        if won || lost {
            if let Some((_, started)) = g.take_election() {
                let result = if won {
                    Outcome::Success
                } else {
                    Outcome::Failure
                };
                p.elections_total(result).inc();
                p.election_duration_seconds()
                    .observe(started.elapsed().as_secs_f64());
            }
        }
    }
    seen.state = Some(m.state);
    seen.leader = m.current_leader;

    let last_log = m.last_log_index.unwrap_or(0);
    let applied = m.last_applied.map_or(0, |l| l.index);
    p.log_last_index().set(last_log as i64);
    p.last_applied_index().set(applied as i64);
    // openraft 0.9 does not publish the commit index: the log store reports it from
    // `save_committed` (see `mem::LogStore`).
    p.snapshot_last_index()
        .set(m.snapshot.map_or(0, |l| l.index) as i64);
    let first_kept = m.purged.map_or(0, |l| l.index + 1);
    p.log_size_entries().set(
        last_log
            .saturating_sub(first_kept)
            .saturating_add(u64::from(m.last_log_index.is_some())) as i64,
    );

    let membership_id = m.membership_config.log_id().as_ref().copied();
    if seen.membership != Some(membership_id) {
        seen.membership = Some(membership_id);
        let membership = m.membership_config.membership();
        let voters = membership.voter_ids().count() as i64;
        p.cluster_voters().set(voters);
        p.cluster_learners()
            .set(membership.learner_ids().count() as i64);
        p.quorum_size().set(voters / 2 + 1);
    }
    if let Some(ms) = m.millis_since_quorum_ack {
        p.quorum_ack_age_seconds().set(ms as f64 / 1000.0);
    }

    let now = Instant::now();
    if seen.appended.back().is_none_or(|(i, _)| *i < last_log) {
        seen.appended.push_back((last_log, now));
        if seen.appended.len() > APPENDED_WINDOW {
            seen.appended.pop_front();
        }
    }
    match &m.replication {
        Some(replication) => {
            let mut in_sync = 0;
            let mut max_lag = 0;
            for (peer, matched) in replication {
                let matched = matched.map_or(0, |l| l.index);
                let lag = last_log.saturating_sub(matched);
                if *peer != m.id {
                    let at = match seen.lag.iter().position(|(id, _, _)| id == peer) {
                        Some(at) => at,
                        None => {
                            let series = (
                                *peer,
                                p.follower_lag_entries(*peer),
                                p.follower_lag_seconds(*peer),
                            );
                            seen.lag.push(series);
                            seen.lag.len() - 1
                        }
                    };
                    let (_, entries, seconds) = &seen.lag[at];
                    entries.set(lag as i64);
                    max_lag = max_lag.max(lag);
                    // Indexes are ascending: the oldest unacknowledged one by binary search.
                    let first = seen.appended.partition_point(|(i, _)| *i <= matched);
                    let waiting = seen
                        .appended
                        .get(first)
                        .map_or(0.0, |(_, t)| now.duration_since(*t).as_secs_f64());
                    seconds.set(waiting);
                }
                // A follower within one batch of the leader counts as in sync.
                if lag <= IN_SYNC_ENTRIES {
                    in_sync += 1;
                }
            }
            p.in_sync_replicas().set(in_sync);
            // Arrival times every follower has acknowledged are no longer needed.
            let slowest = replication
                .iter()
                .filter(|(peer, _)| **peer != m.id)
                .map(|(_, matched)| matched.map_or(0, |l| l.index))
                .min()
                .unwrap_or(last_log);
            let done = seen.appended.partition_point(|(i, _)| *i <= slowest);
            seen.appended.drain(..done);
            p.max_follower_lag_entries().set(max_lag as i64);
        }
        None => {
            p.max_follower_lag_entries().set(0);
        }
    }
}

/// How far behind (in entries) a follower may be and still count as in sync.
pub const IN_SYNC_ENTRIES: u64 = 100;
