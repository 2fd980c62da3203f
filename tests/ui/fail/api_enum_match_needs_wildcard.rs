use raft_metrics::RaftState;

// Generated enums are non-exhaustive: the schema may add a value (a compatible change), so a
// `match` outside the crate needs a `_` arm.
fn name(s: RaftState) -> &'static str {
    match s {
        RaftState::Leader => "leader",
        RaftState::Follower => "follower",
        RaftState::Candidate => "candidate",
        RaftState::Learner => "learner",
    }
}

fn main() {
    let _ = name(RaftState::Leader);
}
