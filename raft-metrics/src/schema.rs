// @generated from metrics-schema.toml by raft-metrics-schema's Rust emitter, as
// `include_schema!("metrics-schema.toml", contract)` would expand it. Do not edit:
// `cargo run -p raft-metrics-gen -- generate` rewrites it (and `check` fails when it is stale).

/// Raft server state of this node for the partition (`pre_candidate`: the pre-vote phase of engines that have one, such as raft-rs).
///
/// Values of the `state` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RaftState {
    /// Exposed as `state="leader"`.
    Leader = 0,
    /// Exposed as `state="candidate"`.
    Candidate = 1,
    /// Exposed as `state="follower"`.
    Follower = 2,
    /// Exposed as `state="learner"`.
    Learner = 3,
    /// Exposed as `state="shutdown"`.
    Shutdown = 4,
    /// Exposed as `state="pre_candidate"`.
    PreCandidate = 5,
}
impl RaftState {
    /// Every value, in schema order.
    pub const ALL: [RaftState; 6usize] = [
        RaftState::Leader,
        RaftState::Candidate,
        RaftState::Follower,
        RaftState::Learner,
        RaftState::Shutdown,
        RaftState::PreCandidate,
    ];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            RaftState::Leader => "leader",
            RaftState::Candidate => "candidate",
            RaftState::Follower => "follower",
            RaftState::Learner => "learner",
            RaftState::Shutdown => "shutdown",
            RaftState::PreCandidate => "pre_candidate",
        }
    }
}
impl ::std::fmt::Display for RaftState {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for RaftState {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "leader" => ::std::result::Result::Ok(RaftState::Leader),
            "candidate" => ::std::result::Result::Ok(RaftState::Candidate),
            "follower" => ::std::result::Result::Ok(RaftState::Follower),
            "learner" => ::std::result::Result::Ok(RaftState::Learner),
            "shutdown" => ::std::result::Result::Ok(RaftState::Shutdown),
            "pre_candidate" => ::std::result::Result::Ok(RaftState::PreCandidate),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("state", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for RaftState {
    type Owned = RaftState;
    #[inline]
    fn to_owned_part(self) -> RaftState {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &RaftState) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for RaftState {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// Whether the operation succeeded.
///
/// Values of the `result` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Outcome {
    /// Exposed as `result="success"`.
    Success = 0,
    /// Exposed as `result="failure"`.
    Failure = 1,
}
impl Outcome {
    /// Every value, in schema order.
    pub const ALL: [Outcome; 2usize] = [Outcome::Success, Outcome::Failure];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
        }
    }
}
impl ::std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for Outcome {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "success" => ::std::result::Result::Ok(Outcome::Success),
            "failure" => ::std::result::Result::Ok(Outcome::Failure),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("result", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for Outcome {
    type Owned = Outcome;
    #[inline]
    fn to_owned_part(self) -> Outcome {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &Outcome) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for Outcome {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// Raft RPC kind.
///
/// Values of the `rpc` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rpc {
    /// Exposed as `rpc="append_entries"`.
    AppendEntries = 0,
    /// Exposed as `rpc="request_vote"`.
    RequestVote = 1,
    /// Exposed as `rpc="install_snapshot"`.
    InstallSnapshot = 2,
    /// Exposed as `rpc="other"`.
    Other = 3,
}
impl Rpc {
    /// Every value, in schema order.
    pub const ALL: [Rpc; 4usize] = [
        Rpc::AppendEntries,
        Rpc::RequestVote,
        Rpc::InstallSnapshot,
        Rpc::Other,
    ];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Rpc::AppendEntries => "append_entries",
            Rpc::RequestVote => "request_vote",
            Rpc::InstallSnapshot => "install_snapshot",
            Rpc::Other => "other",
        }
    }
}
impl ::std::fmt::Display for Rpc {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for Rpc {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "append_entries" => ::std::result::Result::Ok(Rpc::AppendEntries),
            "request_vote" => ::std::result::Result::Ok(Rpc::RequestVote),
            "install_snapshot" => ::std::result::Result::Ok(Rpc::InstallSnapshot),
            "other" => ::std::result::Result::Ok(Rpc::Other),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("rpc", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for Rpc {
    type Owned = Rpc;
    #[inline]
    fn to_owned_part(self) -> Rpc {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &Rpc) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for Rpc {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// Why an RPC failed.
///
/// Values of the `error` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RpcError {
    /// Exposed as `error="timeout"`.
    Timeout = 0,
    /// Exposed as `error="connection_refused"`.
    ConnectionRefused = 1,
    /// Exposed as `error="network_error"`.
    NetworkError = 2,
    /// Exposed as `error="unreachable"`.
    Unreachable = 3,
    /// Exposed as `error="unknown"`.
    Unknown = 4,
}
impl RpcError {
    /// Every value, in schema order.
    pub const ALL: [RpcError; 5usize] = [
        RpcError::Timeout,
        RpcError::ConnectionRefused,
        RpcError::NetworkError,
        RpcError::Unreachable,
        RpcError::Unknown,
    ];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            RpcError::Timeout => "timeout",
            RpcError::ConnectionRefused => "connection_refused",
            RpcError::NetworkError => "network_error",
            RpcError::Unreachable => "unreachable",
            RpcError::Unknown => "unknown",
        }
    }
}
impl ::std::fmt::Display for RpcError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for RpcError {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "timeout" => ::std::result::Result::Ok(RpcError::Timeout),
            "connection_refused" => {
                ::std::result::Result::Ok(RpcError::ConnectionRefused)
            }
            "network_error" => ::std::result::Result::Ok(RpcError::NetworkError),
            "unreachable" => ::std::result::Result::Ok(RpcError::Unreachable),
            "unknown" => ::std::result::Result::Ok(RpcError::Unknown),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("error", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for RpcError {
    type Owned = RpcError;
    #[inline]
    fn to_owned_part(self) -> RpcError {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &RpcError) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for RpcError {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// What started a snapshot: the log-size policy, an operator, or a leader's InstallSnapshot.
///
/// Values of the `trigger` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SnapshotTrigger {
    /// Exposed as `trigger="log_size"`.
    LogSize = 0,
    /// Exposed as `trigger="manual"`.
    Manual = 1,
    /// Exposed as `trigger="install"`.
    Install = 2,
}
impl SnapshotTrigger {
    /// Every value, in schema order.
    pub const ALL: [SnapshotTrigger; 3usize] = [
        SnapshotTrigger::LogSize,
        SnapshotTrigger::Manual,
        SnapshotTrigger::Install,
    ];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            SnapshotTrigger::LogSize => "log_size",
            SnapshotTrigger::Manual => "manual",
            SnapshotTrigger::Install => "install",
        }
    }
}
impl ::std::fmt::Display for SnapshotTrigger {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for SnapshotTrigger {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "log_size" => ::std::result::Result::Ok(SnapshotTrigger::LogSize),
            "manual" => ::std::result::Result::Ok(SnapshotTrigger::Manual),
            "install" => ::std::result::Result::Ok(SnapshotTrigger::Install),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("trigger", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for SnapshotTrigger {
    type Owned = SnapshotTrigger;
    #[inline]
    fn to_owned_part(self) -> SnapshotTrigger {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &SnapshotTrigger) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for SnapshotTrigger {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// Whether this node sent or received the snapshot.
///
/// Values of the `direction` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Direction {
    /// Exposed as `direction="send"`.
    Send = 0,
    /// Exposed as `direction="receive"`.
    Receive = 1,
}
impl Direction {
    /// Every value, in schema order.
    pub const ALL: [Direction; 2usize] = [Direction::Send, Direction::Receive];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Send => "send",
            Direction::Receive => "receive",
        }
    }
}
impl ::std::fmt::Display for Direction {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for Direction {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "send" => ::std::result::Result::Ok(Direction::Send),
            "receive" => ::std::result::Result::Ok(Direction::Receive),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("direction", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for Direction {
    type Owned = Direction;
    #[inline]
    fn to_owned_part(self) -> Direction {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &Direction) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for Direction {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// Why a follower rejected an AppendEntries.
///
/// Values of the `reason` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RejectReason {
    /// Exposed as `reason="log_conflict"`.
    LogConflict = 0,
    /// Exposed as `reason="higher_vote"`.
    HigherVote = 1,
    /// Exposed as `reason="other"`.
    Other = 2,
}
impl RejectReason {
    /// Every value, in schema order.
    pub const ALL: [RejectReason; 3usize] = [
        RejectReason::LogConflict,
        RejectReason::HigherVote,
        RejectReason::Other,
    ];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            RejectReason::LogConflict => "log_conflict",
            RejectReason::HigherVote => "higher_vote",
            RejectReason::Other => "other",
        }
    }
}
impl ::std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for RejectReason {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "log_conflict" => ::std::result::Result::Ok(RejectReason::LogConflict),
            "higher_vote" => ::std::result::Result::Ok(RejectReason::HigherVote),
            "other" => ::std::result::Result::Ok(RejectReason::Other),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("reason", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for RejectReason {
    type Owned = RejectReason;
    #[inline]
    fn to_owned_part(self) -> RejectReason {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &RejectReason) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for RejectReason {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// Why a proposal failed: refused by a node that does not lead, dropped by raft (no leader, a leadership transfer, a full queue), superseded by another leader's entry at its index, a storage error, or another reason.
///
/// Values of the `cause` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ProposalFailure {
    /// Exposed as `cause="not_leader"`.
    NotLeader = 0,
    /// Exposed as `cause="dropped"`.
    Dropped = 1,
    /// Exposed as `cause="superseded"`.
    Superseded = 2,
    /// Exposed as `cause="storage"`.
    Storage = 3,
    /// Exposed as `cause="other"`.
    Other = 4,
}
impl ProposalFailure {
    /// Every value, in schema order.
    pub const ALL: [ProposalFailure; 5usize] = [
        ProposalFailure::NotLeader,
        ProposalFailure::Dropped,
        ProposalFailure::Superseded,
        ProposalFailure::Storage,
        ProposalFailure::Other,
    ];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            ProposalFailure::NotLeader => "not_leader",
            ProposalFailure::Dropped => "dropped",
            ProposalFailure::Superseded => "superseded",
            ProposalFailure::Storage => "storage",
            ProposalFailure::Other => "other",
        }
    }
}
impl ::std::fmt::Display for ProposalFailure {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for ProposalFailure {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "not_leader" => ::std::result::Result::Ok(ProposalFailure::NotLeader),
            "dropped" => ::std::result::Result::Ok(ProposalFailure::Dropped),
            "superseded" => ::std::result::Result::Ok(ProposalFailure::Superseded),
            "storage" => ::std::result::Result::Ok(ProposalFailure::Storage),
            "other" => ::std::result::Result::Ok(ProposalFailure::Other),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("cause", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for ProposalFailure {
    type Owned = ProposalFailure;
    #[inline]
    fn to_owned_part(self) -> ProposalFailure {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &ProposalFailure) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for ProposalFailure {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// Kind of membership change.
///
/// Values of the `change` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ConfigChange {
    /// Exposed as `change="add_voter"`.
    AddVoter = 0,
    /// Exposed as `change="remove_voter"`.
    RemoveVoter = 1,
    /// Exposed as `change="add_learner"`.
    AddLearner = 2,
    /// Exposed as `change="remove_learner"`.
    RemoveLearner = 3,
    /// Exposed as `change="other"`.
    Other = 4,
}
impl ConfigChange {
    /// Every value, in schema order.
    pub const ALL: [ConfigChange; 5usize] = [
        ConfigChange::AddVoter,
        ConfigChange::RemoveVoter,
        ConfigChange::AddLearner,
        ConfigChange::RemoveLearner,
        ConfigChange::Other,
    ];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            ConfigChange::AddVoter => "add_voter",
            ConfigChange::RemoveVoter => "remove_voter",
            ConfigChange::AddLearner => "add_learner",
            ConfigChange::RemoveLearner => "remove_learner",
            ConfigChange::Other => "other",
        }
    }
}
impl ::std::fmt::Display for ConfigChange {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for ConfigChange {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "add_voter" => ::std::result::Result::Ok(ConfigChange::AddVoter),
            "remove_voter" => ::std::result::Result::Ok(ConfigChange::RemoveVoter),
            "add_learner" => ::std::result::Result::Ok(ConfigChange::AddLearner),
            "remove_learner" => ::std::result::Result::Ok(ConfigChange::RemoveLearner),
            "other" => ::std::result::Result::Ok(ConfigChange::Other),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("change", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for ConfigChange {
    type Owned = ConfigChange;
    #[inline]
    fn to_owned_part(self) -> ConfigChange {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &ConfigChange) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for ConfigChange {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// An open label, for the overflow count.
///
/// Values of the `label` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OpenLabel {
    /// Exposed as `label="topic"`.
    Topic = 0,
    /// Exposed as `label="partition"`.
    Partition = 1,
    /// Exposed as `label="peer"`.
    Peer = 2,
}
impl OpenLabel {
    /// Every value, in schema order.
    pub const ALL: [OpenLabel; 3usize] = [
        OpenLabel::Topic,
        OpenLabel::Partition,
        OpenLabel::Peer,
    ];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            OpenLabel::Topic => "topic",
            OpenLabel::Partition => "partition",
            OpenLabel::Peer => "peer",
        }
    }
}
impl ::std::fmt::Display for OpenLabel {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for OpenLabel {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "topic" => ::std::result::Result::Ok(OpenLabel::Topic),
            "partition" => ::std::result::Result::Ok(OpenLabel::Partition),
            "peer" => ::std::result::Result::Ok(OpenLabel::Peer),
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("label", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for OpenLabel {
    type Owned = OpenLabel;
    #[inline]
    fn to_owned_part(self) -> OpenLabel {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &OpenLabel) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for OpenLabel {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
/// An unhealthy condition a partition is listed in (`unhealthy_partition`): each names the derived count that counts it.
///
/// Values of the `condition` label.
///
/// Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),
/// so a `match` outside this crate needs a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum UnhealthyCondition {
    /// Exposed as `condition="leaderless"`.
    Leaderless = 0,
    /// Exposed as `condition="under_replicated"`.
    UnderReplicated = 1,
    /// Exposed as `condition="below_quorum"`.
    BelowQuorum = 2,
    /// Exposed as `condition="lagging"`.
    Lagging = 3,
    /// Exposed as `condition="leader_changes_frequent"`.
    LeaderChangesFrequent = 4,
    /// Exposed as `condition="elections_frequent"`.
    ElectionsFrequent = 5,
}
impl UnhealthyCondition {
    /// Every value, in schema order.
    pub const ALL: [UnhealthyCondition; 6usize] = [
        UnhealthyCondition::Leaderless,
        UnhealthyCondition::UnderReplicated,
        UnhealthyCondition::BelowQuorum,
        UnhealthyCondition::Lagging,
        UnhealthyCondition::LeaderChangesFrequent,
        UnhealthyCondition::ElectionsFrequent,
    ];
    /// The exposed label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            UnhealthyCondition::Leaderless => "leaderless",
            UnhealthyCondition::UnderReplicated => "under_replicated",
            UnhealthyCondition::BelowQuorum => "below_quorum",
            UnhealthyCondition::Lagging => "lagging",
            UnhealthyCondition::LeaderChangesFrequent => "leader_changes_frequent",
            UnhealthyCondition::ElectionsFrequent => "elections_frequent",
        }
    }
}
impl ::std::fmt::Display for UnhealthyCondition {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for UnhealthyCondition {
    type Err = ::raft_metrics::__rt::UnknownLabelValue;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        match s {
            "leaderless" => ::std::result::Result::Ok(UnhealthyCondition::Leaderless),
            "under_replicated" => {
                ::std::result::Result::Ok(UnhealthyCondition::UnderReplicated)
            }
            "below_quorum" => ::std::result::Result::Ok(UnhealthyCondition::BelowQuorum),
            "lagging" => ::std::result::Result::Ok(UnhealthyCondition::Lagging),
            "leader_changes_frequent" => {
                ::std::result::Result::Ok(UnhealthyCondition::LeaderChangesFrequent)
            }
            "elections_frequent" => {
                ::std::result::Result::Ok(UnhealthyCondition::ElectionsFrequent)
            }
            _ => {
                ::std::result::Result::Err(
                    ::raft_metrics::__rt::UnknownLabelValue::new("condition", s),
                )
            }
        }
    }
}
impl ::raft_metrics::__rt::LabelPart for UnhealthyCondition {
    type Owned = UnhealthyCondition;
    #[inline]
    fn to_owned_part(self) -> UnhealthyCondition {
        self
    }
    #[inline]
    fn eq_owned(self, owned: &UnhealthyCondition) -> bool {
        self == *owned
    }
    #[inline]
    fn as_label<'s>(self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str
    where
        Self: 's,
    {
        self.as_str()
    }
}
impl ::raft_metrics::__rt::OwnedPart for UnhealthyCondition {
    fn eq_label(&self, value: &str) -> bool {
        self.as_str() == value
    }
    fn label<'s>(&'s self, _: &'s mut ::raft_metrics::__rt::itoa::Buffer) -> &'s str {
        self.as_str()
    }
}
static __BUCKETS_ELECTION_DURATION_SECONDS: [f64; 10usize] = [
    0.01f64,
    0.025f64,
    0.05f64,
    0.1f64,
    0.25f64,
    0.5f64,
    1f64,
    2f64,
    5f64,
    10f64,
];
static __BUCKETS_COMMIT_LATENCY_SECONDS: [f64; 12usize] = [
    0.001f64,
    0.0025f64,
    0.005f64,
    0.01f64,
    0.025f64,
    0.05f64,
    0.1f64,
    0.25f64,
    0.5f64,
    1f64,
    2.5f64,
    5f64,
];
static __BUCKETS_COMMIT_BATCH_SIZE_ENTRIES: [f64; 9usize] = [
    1f64, 5f64, 10f64, 25f64, 50f64, 100f64, 250f64, 500f64, 1000f64,
];
static __BUCKETS_SNAPSHOT_BUILD_DURATION_SECONDS: [f64; 11usize] = [
    0.001f64,
    0.01f64,
    0.1f64,
    0.25f64,
    0.5f64,
    1f64,
    2.5f64,
    5f64,
    10f64,
    30f64,
    60f64,
];
static __BUCKETS_SNAPSHOT_INSTALL_DURATION_SECONDS: [f64; 11usize] = [
    0.001f64,
    0.01f64,
    0.1f64,
    0.25f64,
    0.5f64,
    1f64,
    2.5f64,
    5f64,
    10f64,
    30f64,
    60f64,
];
static __BUCKETS_RPC_DURATION_SECONDS: [f64; 12usize] = [
    0.0005f64,
    0.001f64,
    0.0025f64,
    0.005f64,
    0.01f64,
    0.025f64,
    0.05f64,
    0.1f64,
    0.15f64,
    0.25f64,
    0.5f64,
    1f64,
];
static __BUCKETS_APPEND_ENTRIES_SIZE_BYTES: [f64; 6usize] = [
    100f64, 1000f64, 10000f64, 100000f64, 1000000f64, 10000000f64,
];
static __FAMILIES: [::raft_metrics::__rt::FamilyDesc; 56usize] = [
    ::raft_metrics::__rt::FamilyDesc {
        index: 0usize,
        name: "chronik_raft_leader_partitions",
        help: "Partitions for which this node is the leader.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Same,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 1usize,
        name: "chronik_raft_follower_partitions",
        help: "Partitions for which this node is a follower.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Same,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 2usize,
        name: "chronik_raft_node_state",
        help: "Raft state of this node for the partition, one-hot: 1 for the current state, 0 for the others.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &["state"],
        combos: &[
            &["leader"],
            &["candidate"],
            &["follower"],
            &["learner"],
            &["shutdown"],
            &["pre_candidate"],
        ],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[false, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 3usize,
        name: "chronik_raft_has_leader",
        help: "1 if this node knows a leader for the partition, else 0.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Absent,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 4usize,
        name: "chronik_raft_leader_changes_seen_total",
        help: "Times this node saw the partition's leader change.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 5usize,
        name: "chronik_raft_current_term",
        help: "Current Raft term of the partition on this node.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Absent,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 6usize,
        name: "chronik_raft_commit_index",
        help: "Highest log index known to be committed.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Absent,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 7usize,
        name: "chronik_raft_last_applied_index",
        help: "Highest log index applied to the state machine.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Absent,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 8usize,
        name: "chronik_raft_in_sync_replicas",
        help: "Replicas (leader included) whose matched index is within the in-sync window; reported by the leader.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Absent,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 9usize,
        name: "chronik_raft_leaderless_partitions",
        help: "Partitions of the topic on this node that know no leader.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: true,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 10usize,
        name: "chronik_raft_under_replicated_partitions",
        help: "Partitions of the topic led by this node with fewer in-sync replicas than voters.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: true,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 11usize,
        name: "chronik_raft_below_quorum_partitions",
        help: "Partitions of the topic led by this node with fewer in-sync replicas than their quorum.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: true,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 12usize,
        name: "chronik_raft_led_partitions",
        help: "Partitions of the topic this node leads; with leaderless_partitions, each partition of the topic once (the leader availability SLO's units).",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: true,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 13usize,
        name: "chronik_raft_leader_changes_frequent_partitions",
        help: "Partitions of the topic whose leader this node saw change 4 times or more in the last 15 minutes.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: true,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 14usize,
        name: "chronik_raft_elections_frequent_partitions",
        help: "Partitions of the topic for which this node started more than 5 elections in the last hour.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: true,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 15usize,
        name: "chronik_raft_lagging_partitions",
        help: "Partitions of the topic led by this node with a follower more than 1000 entries behind (RaftFollowerLagCritical's threshold).",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: true,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 16usize,
        name: "chronik_raft_unhealthy_partition",
        help: "A partition of this node in an unhealthy condition (1 while it holds); past max_per_node, one series per condition with topic and partition `__overflow__` counts the partitions not listed.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &["condition"],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, true],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: true,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 17usize,
        name: "chronik_raft_follower_lag_entries",
        help: "Entries the follower's matched index is behind the leader's last log index.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &["peer"],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 18usize,
        name: "chronik_raft_follower_lag_seconds",
        help: "Time since the follower last matched the leader's last log index (0 when caught up).",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &["peer"],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 19usize,
        name: "chronik_raft_max_follower_lag_entries",
        help: "Largest follower lag of the partition, in entries.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 20usize,
        name: "chronik_raft_last_heartbeat_timestamp_seconds",
        help: "Unix time of the last successful heartbeat or AppendEntries to the follower.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &["peer"],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Min,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 21usize,
        name: "chronik_raft_quorum_ack_age_seconds",
        help: "Time since a quorum last acknowledged the leader; grows when the leader is cut off.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 22usize,
        name: "chronik_raft_elections_total",
        help: "Elections this node started as a candidate, by result (won or not).",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["result"],
        combos: &[&["success"], &["failure"]],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 23usize,
        name: "chronik_raft_election_duration_seconds",
        help: "Time from becoming candidate to winning or giving up, observed for every election.",
        kind: ::raft_metrics::__rt::Kind::Histogram,
        labels: &[],
        combos: &[],
        les: &["0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2", "5", "10"],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 24usize,
        name: "chronik_raft_last_election_timestamp_seconds",
        help: "Unix time of the last election this node took part in as a candidate.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 25usize,
        name: "chronik_raft_votes_received",
        help: "Votes granted to this node in its current or last election.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Absent,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 26usize,
        name: "chronik_raft_commit_latency_seconds",
        help: "Time from a proposal on the leader to its commit.",
        kind: ::raft_metrics::__rt::Kind::Histogram,
        labels: &[],
        combos: &[],
        les: &[
            "0.001",
            "0.0025",
            "0.005",
            "0.01",
            "0.025",
            "0.05",
            "0.1",
            "0.25",
            "0.5",
            "1",
            "2.5",
            "5",
        ],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 27usize,
        name: "chronik_raft_committed_entries_total",
        help: "Log entries committed.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 28usize,
        name: "chronik_raft_commit_batches_total",
        help: "Batches of entries committed together (a batch of one counts).",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 29usize,
        name: "chronik_raft_commit_batch_size_entries",
        help: "Entries per committed batch, observed for every batch, including batches of one.",
        kind: ::raft_metrics::__rt::Kind::Histogram,
        labels: &[],
        combos: &[],
        les: &["1", "5", "10", "25", "50", "100", "250", "500", "1000"],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 30usize,
        name: "chronik_raft_proposals_total",
        help: "Client proposals submitted to the leader.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 31usize,
        name: "chronik_raft_proposals_failed_total",
        help: "Proposals that failed, by cause: refused by a node that does not lead, dropped by raft, superseded by another leader's entry, or a storage error.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["cause"],
        combos: &[
            &["not_leader"],
            &["dropped"],
            &["superseded"],
            &["storage"],
            &["other"],
        ],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 32usize,
        name: "chronik_raft_proposals_pending",
        help: "Proposals submitted and not yet committed or failed.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 33usize,
        name: "chronik_raft_snapshots_total",
        help: "Snapshots built or installed on this node, by trigger.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["trigger"],
        combos: &[&["log_size"], &["manual"], &["install"]],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[false, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 34usize,
        name: "chronik_raft_snapshot_size_bytes",
        help: "Size of the latest snapshot.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 35usize,
        name: "chronik_raft_snapshot_build_duration_seconds",
        help: "Time to build a snapshot from the state machine.",
        kind: ::raft_metrics::__rt::Kind::Histogram,
        labels: &[],
        combos: &[],
        les: &["0.001", "0.01", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60"],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 36usize,
        name: "chronik_raft_snapshot_install_duration_seconds",
        help: "Time to install a snapshot received from the leader.",
        kind: ::raft_metrics::__rt::Kind::Histogram,
        labels: &[],
        combos: &[],
        les: &["0.001", "0.01", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60"],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 37usize,
        name: "chronik_raft_snapshot_last_index",
        help: "Last log index included in the latest snapshot.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Absent,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 38usize,
        name: "chronik_raft_snapshot_transfers_total",
        help: "Snapshot transfers between nodes, by direction and result.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["direction", "result"],
        combos: &[
            &["send", "success"],
            &["send", "failure"],
            &["receive", "success"],
            &["receive", "failure"],
        ],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[false, false],
            keep: &[true, true],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 39usize,
        name: "chronik_raft_rpc_calls_total",
        help: "Raft RPCs sent to a peer, by kind and result.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["rpc", "peer", "result"],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Same,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 40usize,
        name: "chronik_raft_rpc_errors_total",
        help: "Failed Raft RPCs sent to a peer, by kind and error.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["rpc", "peer", "error"],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Same,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 41usize,
        name: "chronik_raft_rpc_duration_seconds",
        help: "Round trip of a Raft RPC to a peer, for successes and failures alike. An adapter may time a sample of the calls (raft-rs: at most one request of each kind per peer and group every 50 ms; openraft: one AppendEntries in 8 per connection): rpc_calls_total counts them all.",
        kind: ::raft_metrics::__rt::Kind::Histogram,
        labels: &["rpc", "peer"],
        combos: &[],
        les: &[
            "0.0005",
            "0.001",
            "0.0025",
            "0.005",
            "0.01",
            "0.025",
            "0.05",
            "0.1",
            "0.15",
            "0.25",
            "0.5",
            "1",
        ],
        summary: ::raft_metrics::__rt::Fold::Same,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 42usize,
        name: "chronik_raft_rpc_received_total",
        help: "Raft RPCs this node handled as the receiver, by kind and result.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["rpc", "result"],
        combos: &[
            &["append_entries", "success"],
            &["append_entries", "failure"],
            &["request_vote", "success"],
            &["request_vote", "failure"],
            &["install_snapshot", "success"],
            &["install_snapshot", "failure"],
            &["other", "success"],
            &["other", "failure"],
        ],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Same,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 43usize,
        name: "chronik_raft_replication_sent_entries_total",
        help: "Log entries sent to a follower in AppendEntries requests (heartbeats carry none; requests are counted in rpc_calls_total).",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["peer"],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 44usize,
        name: "chronik_raft_replication_received_entries_total",
        help: "Log entries received from the leader in AppendEntries requests (requests are counted in rpc_received_total).",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["peer"],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 45usize,
        name: "chronik_raft_append_entries_size_bytes",
        help: "Payload size of AppendEntries requests sent.",
        kind: ::raft_metrics::__rt::Kind::Histogram,
        labels: &[],
        combos: &[],
        les: &["100", "1000", "10000", "100000", "1000000", "10000000"],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 46usize,
        name: "chronik_raft_append_entries_rejected_total",
        help: "AppendEntries requests this node rejected as a follower, by reason.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["reason"],
        combos: &[&["log_conflict"], &["higher_vote"], &["other"]],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[false, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 47usize,
        name: "chronik_raft_log_size_entries",
        help: "Entries in the log: last log index minus last purged index.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 48usize,
        name: "chronik_raft_log_size_bytes",
        help: "Bytes held by the log's entries.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 49usize,
        name: "chronik_raft_log_last_index",
        help: "Index of the last entry in the log.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Absent,
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 50usize,
        name: "chronik_raft_log_compactions_total",
        help: "Log compactions (purges up to a snapshot).",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 51usize,
        name: "chronik_raft_cluster_voters",
        help: "Voters in the partition's current membership configuration.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 52usize,
        name: "chronik_raft_cluster_learners",
        help: "Learners (non-voting members) in the current configuration.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 53usize,
        name: "chronik_raft_quorum_size",
        help: "Votes needed for a quorum in the current configuration.",
        kind: ::raft_metrics::__rt::Kind::Gauge,
        labels: &[],
        combos: &[],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[true, false],
            keep: &[],
            op: ::raft_metrics::__rt::Op::Max,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 54usize,
        name: "chronik_raft_config_changes_total",
        help: "Membership configuration changes applied, by kind.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["change"],
        combos: &[
            &["add_voter"],
            &["remove_voter"],
            &["add_learner"],
            &["remove_learner"],
            &["other"],
        ],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Fold {
            keep_scope: &[false, false],
            keep: &[true],
            op: ::raft_metrics::__rt::Op::Sum,
        },
        derived: false,
    },
    ::raft_metrics::__rt::FamilyDesc {
        index: 55usize,
        name: "chronik_raft_label_overflow_total",
        help: "Updates whose open label value was reported as `__overflow__` because the label already had max_values distinct values on this node.",
        kind: ::raft_metrics::__rt::Kind::Counter,
        labels: &["label"],
        combos: &[&["topic"], &["partition"], &["peer"]],
        les: &[],
        summary: ::raft_metrics::__rt::Fold::Same,
        derived: false,
    },
];
struct __Families {
    __constant: ::raft_metrics::__rt::Constant,
    __budget_topic: ::std::sync::Arc<::raft_metrics::__rt::LabelBudget>,
    __budget_partition: ::std::sync::Arc<::raft_metrics::__rt::LabelBudget>,
    __budget_peer: ::std::sync::Arc<::raft_metrics::__rt::LabelBudget>,
    leader_partitions: ::raft_metrics::__rt::IntGauge,
    follower_partitions: ::raft_metrics::__rt::IntGauge,
    rpc_calls_total: ::raft_metrics::__rt::Family<
        (Rpc, u64, Outcome),
        ::raft_metrics::__rt::IntCounter,
    >,
    rpc_errors_total: ::raft_metrics::__rt::Family<
        (Rpc, u64, RpcError),
        ::raft_metrics::__rt::IntCounter,
    >,
    rpc_duration_seconds: ::raft_metrics::__rt::Family<
        (Rpc, u64),
        ::raft_metrics::__rt::HistogramN<13usize>,
    >,
    rpc_received_total: ::raft_metrics::__rt::EnumArray<
        ::raft_metrics::__rt::IntCounter,
        8usize,
    >,
    label_overflow_total: ::raft_metrics::__rt::EnumArray<
        ::std::sync::Arc<::raft_metrics::__rt::IntCounter>,
        3usize,
    >,
    __scope_partition: ::std::sync::Arc<
        ::raft_metrics::__rt::ScopeMap<(::std::boxed::Box<str>, u32), __PartitionCells>,
    >,
}
impl ::raft_metrics::__rt::Expose for __Families {
    fn constant(&self) -> &::raft_metrics::__rt::Constant {
        &self.__constant
    }
    fn expose<W: ::raft_metrics::__rt::Sink>(&self, w: &mut W) {
        let __scope_partition = self.__scope_partition.scoped();
        w.node(&__FAMILIES[0usize], &self.leader_partitions);
        w.node(&__FAMILIES[1usize], &self.follower_partitions);
        w.scoped(
            &__FAMILIES[2usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.node_state,
        );
        w.scoped(
            &__FAMILIES[3usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.has_leader,
        );
        w.scoped(
            &__FAMILIES[4usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.leader_changes_seen_total,
        );
        w.scoped(
            &__FAMILIES[5usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.current_term,
        );
        w.scoped(
            &__FAMILIES[6usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.commit_index,
        );
        w.scoped(
            &__FAMILIES[7usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.last_applied_index,
        );
        w.scoped(
            &__FAMILIES[8usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.in_sync_replicas,
        );
        w.derived(
            &__FAMILIES[9usize],
            &__scope_partition,
            |__c: &__PartitionCells, __w: &::raft_metrics::__rt::Window<'_>| {
                (::raft_metrics::__rt::num(&__c.has_leader) == 0f64)
            },
        );
        w.derived(
            &__FAMILIES[10usize],
            &__scope_partition,
            |__c: &__PartitionCells, __w: &::raft_metrics::__rt::Window<'_>| {
                ((::raft_metrics::__rt::num(__c.node_state.at(0usize)) == 1f64)
                    && (::raft_metrics::__rt::num(&__c.in_sync_replicas)
                        < ::raft_metrics::__rt::num(&__c.cluster_voters)))
            },
        );
        w.derived(
            &__FAMILIES[11usize],
            &__scope_partition,
            |__c: &__PartitionCells, __w: &::raft_metrics::__rt::Window<'_>| {
                ((::raft_metrics::__rt::num(__c.node_state.at(0usize)) == 1f64)
                    && (::raft_metrics::__rt::num(&__c.in_sync_replicas)
                        < ::raft_metrics::__rt::num(&__c.quorum_size)))
            },
        );
        w.derived(
            &__FAMILIES[12usize],
            &__scope_partition,
            |__c: &__PartitionCells, __w: &::raft_metrics::__rt::Window<'_>| {
                (::raft_metrics::__rt::num(__c.node_state.at(0usize)) == 1f64)
            },
        );
        w.derived(
            &__FAMILIES[13usize],
            &__scope_partition,
            |__c: &__PartitionCells, __w: &::raft_metrics::__rt::Window<'_>| {
                (__w
                    .increase(
                        0usize,
                        900u64,
                        ::raft_metrics::__rt::num(&__c.leader_changes_seen_total),
                    ) >= 4f64)
            },
        );
        w.derived(
            &__FAMILIES[14usize],
            &__scope_partition,
            |__c: &__PartitionCells, __w: &::raft_metrics::__rt::Window<'_>| {
                (__w
                    .increase(
                        1usize,
                        3600u64,
                        [0usize, 1usize]
                            .iter()
                            .map(|&i| ::raft_metrics::__rt::num(
                                __c.elections_total.at(i),
                            ))
                            .sum::<f64>(),
                    ) > 5f64)
            },
        );
        w.derived(
            &__FAMILIES[15usize],
            &__scope_partition,
            |__c: &__PartitionCells, __w: &::raft_metrics::__rt::Window<'_>| {
                ((::raft_metrics::__rt::num(__c.node_state.at(0usize)) == 1f64)
                    && (::raft_metrics::__rt::num(&__c.max_follower_lag_entries)
                        > 1000f64))
            },
        );
        w.exceptions(
            &__FAMILIES[16usize],
            &__scope_partition,
            100usize,
            &[
                ::raft_metrics::__rt::Listed {
                    value: "leaderless",
                    when: &|
                        __c: &__PartitionCells,
                        __w: &::raft_metrics::__rt::Window<'_>|
                    (::raft_metrics::__rt::num(&__c.has_leader) == 0f64),
                },
                ::raft_metrics::__rt::Listed {
                    value: "under_replicated",
                    when: &|
                        __c: &__PartitionCells,
                        __w: &::raft_metrics::__rt::Window<'_>|
                    {
                        ((::raft_metrics::__rt::num(__c.node_state.at(0usize)) == 1f64)
                            && (::raft_metrics::__rt::num(&__c.in_sync_replicas)
                                < ::raft_metrics::__rt::num(&__c.cluster_voters)))
                    },
                },
                ::raft_metrics::__rt::Listed {
                    value: "below_quorum",
                    when: &|
                        __c: &__PartitionCells,
                        __w: &::raft_metrics::__rt::Window<'_>|
                    {
                        ((::raft_metrics::__rt::num(__c.node_state.at(0usize)) == 1f64)
                            && (::raft_metrics::__rt::num(&__c.in_sync_replicas)
                                < ::raft_metrics::__rt::num(&__c.quorum_size)))
                    },
                },
                ::raft_metrics::__rt::Listed {
                    value: "lagging",
                    when: &|
                        __c: &__PartitionCells,
                        __w: &::raft_metrics::__rt::Window<'_>|
                    {
                        ((::raft_metrics::__rt::num(__c.node_state.at(0usize)) == 1f64)
                            && (::raft_metrics::__rt::num(&__c.max_follower_lag_entries)
                                > 1000f64))
                    },
                },
                ::raft_metrics::__rt::Listed {
                    value: "leader_changes_frequent",
                    when: &|
                        __c: &__PartitionCells,
                        __w: &::raft_metrics::__rt::Window<'_>|
                    {
                        (__w
                            .increase(
                                0usize,
                                900u64,
                                ::raft_metrics::__rt::num(&__c.leader_changes_seen_total),
                            ) >= 4f64)
                    },
                },
                ::raft_metrics::__rt::Listed {
                    value: "elections_frequent",
                    when: &|
                        __c: &__PartitionCells,
                        __w: &::raft_metrics::__rt::Window<'_>|
                    {
                        (__w
                            .increase(
                                1usize,
                                3600u64,
                                [0usize, 1usize]
                                    .iter()
                                    .map(|&i| ::raft_metrics::__rt::num(
                                        __c.elections_total.at(i),
                                    ))
                                    .sum::<f64>(),
                            ) > 5f64)
                    },
                },
            ],
        );
        w.scoped(
            &__FAMILIES[17usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.follower_lag_entries,
        );
        w.scoped(
            &__FAMILIES[18usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.follower_lag_seconds,
        );
        w.scoped(
            &__FAMILIES[19usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.max_follower_lag_entries,
        );
        w.scoped(
            &__FAMILIES[20usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.last_heartbeat_timestamp_seconds,
        );
        w.scoped(
            &__FAMILIES[21usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.quorum_ack_age_seconds,
        );
        w.scoped(
            &__FAMILIES[22usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.elections_total,
        );
        w.scoped(
            &__FAMILIES[23usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.election_duration_seconds,
        );
        w.scoped(
            &__FAMILIES[24usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.last_election_timestamp_seconds,
        );
        w.scoped(
            &__FAMILIES[25usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.votes_received,
        );
        w.scoped(
            &__FAMILIES[26usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.commit_latency_seconds,
        );
        w.scoped(
            &__FAMILIES[27usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.committed_entries_total,
        );
        w.scoped(
            &__FAMILIES[28usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.commit_batches_total,
        );
        w.scoped(
            &__FAMILIES[29usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.commit_batch_size_entries,
        );
        w.scoped(
            &__FAMILIES[30usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.proposals_total,
        );
        w.scoped(
            &__FAMILIES[31usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.proposals_failed_total,
        );
        w.scoped(
            &__FAMILIES[32usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.proposals_pending,
        );
        w.scoped(
            &__FAMILIES[33usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.snapshots_total,
        );
        w.scoped(
            &__FAMILIES[34usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.snapshot_size_bytes,
        );
        w.scoped(
            &__FAMILIES[35usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.snapshot_build_duration_seconds,
        );
        w.scoped(
            &__FAMILIES[36usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.snapshot_install_duration_seconds,
        );
        w.scoped(
            &__FAMILIES[37usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.snapshot_last_index,
        );
        w.scoped(
            &__FAMILIES[38usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.snapshot_transfers_total,
        );
        w.node(&__FAMILIES[39usize], &self.rpc_calls_total);
        w.node(&__FAMILIES[40usize], &self.rpc_errors_total);
        w.node(&__FAMILIES[41usize], &self.rpc_duration_seconds);
        w.node(&__FAMILIES[42usize], &self.rpc_received_total);
        w.scoped(
            &__FAMILIES[43usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.replication_sent_entries_total,
        );
        w.scoped(
            &__FAMILIES[44usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.replication_received_entries_total,
        );
        w.scoped(
            &__FAMILIES[45usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.append_entries_size_bytes,
        );
        w.scoped(
            &__FAMILIES[46usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.append_entries_rejected_total,
        );
        w.scoped(
            &__FAMILIES[47usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.log_size_entries,
        );
        w.scoped(
            &__FAMILIES[48usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.log_size_bytes,
        );
        w.scoped(
            &__FAMILIES[49usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.log_last_index,
        );
        w.scoped(
            &__FAMILIES[50usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.log_compactions_total,
        );
        w.scoped(
            &__FAMILIES[51usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.cluster_voters,
        );
        w.scoped(
            &__FAMILIES[52usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.cluster_learners,
        );
        w.scoped(
            &__FAMILIES[53usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.quorum_size,
        );
        w.scoped(
            &__FAMILIES[54usize],
            &__scope_partition,
            |__c: &__PartitionCells| &__c.config_changes_total,
        );
        w.node(&__FAMILIES[55usize], &self.label_overflow_total);
    }
}
/// Typed accessors for every metric of the schema, and their exposition.
///
/// Cheap to clone (one `Arc`); share it between tasks.
#[derive(Clone)]
pub struct RaftMetrics {
    inner: ::std::sync::Arc<__Families>,
}
impl ::std::fmt::Debug for RaftMetrics {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("RaftMetrics").field("families", &56usize).finish_non_exhaustive()
    }
}
impl RaftMetrics {
    /// Exposed names of the families at the detailed level (every metric set by code), in schema order.
    pub const FAMILY_NAMES: [&'static str; 48usize] = [
        "chronik_raft_leader_partitions",
        "chronik_raft_follower_partitions",
        "chronik_raft_node_state",
        "chronik_raft_has_leader",
        "chronik_raft_leader_changes_seen_total",
        "chronik_raft_current_term",
        "chronik_raft_commit_index",
        "chronik_raft_last_applied_index",
        "chronik_raft_in_sync_replicas",
        "chronik_raft_follower_lag_entries",
        "chronik_raft_follower_lag_seconds",
        "chronik_raft_max_follower_lag_entries",
        "chronik_raft_last_heartbeat_timestamp_seconds",
        "chronik_raft_quorum_ack_age_seconds",
        "chronik_raft_elections_total",
        "chronik_raft_election_duration_seconds",
        "chronik_raft_last_election_timestamp_seconds",
        "chronik_raft_votes_received",
        "chronik_raft_commit_latency_seconds",
        "chronik_raft_committed_entries_total",
        "chronik_raft_commit_batches_total",
        "chronik_raft_commit_batch_size_entries",
        "chronik_raft_proposals_total",
        "chronik_raft_proposals_failed_total",
        "chronik_raft_proposals_pending",
        "chronik_raft_snapshots_total",
        "chronik_raft_snapshot_size_bytes",
        "chronik_raft_snapshot_build_duration_seconds",
        "chronik_raft_snapshot_install_duration_seconds",
        "chronik_raft_snapshot_last_index",
        "chronik_raft_snapshot_transfers_total",
        "chronik_raft_rpc_calls_total",
        "chronik_raft_rpc_errors_total",
        "chronik_raft_rpc_duration_seconds",
        "chronik_raft_rpc_received_total",
        "chronik_raft_replication_sent_entries_total",
        "chronik_raft_replication_received_entries_total",
        "chronik_raft_append_entries_size_bytes",
        "chronik_raft_append_entries_rejected_total",
        "chronik_raft_log_size_entries",
        "chronik_raft_log_size_bytes",
        "chronik_raft_log_last_index",
        "chronik_raft_log_compactions_total",
        "chronik_raft_cluster_voters",
        "chronik_raft_cluster_learners",
        "chronik_raft_quorum_size",
        "chronik_raft_config_changes_total",
        "chronik_raft_label_overflow_total",
    ];
    /// Prometheus type of each family in [`Self::FAMILY_NAMES`]: counter, gauge or histogram.
    pub const FAMILY_TYPES: [&'static str; 48usize] = [
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "counter",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "counter",
        "histogram",
        "gauge",
        "gauge",
        "histogram",
        "counter",
        "counter",
        "histogram",
        "counter",
        "counter",
        "gauge",
        "counter",
        "gauge",
        "histogram",
        "histogram",
        "gauge",
        "counter",
        "counter",
        "counter",
        "histogram",
        "counter",
        "counter",
        "counter",
        "histogram",
        "counter",
        "gauge",
        "gauge",
        "gauge",
        "counter",
        "gauge",
        "gauge",
        "gauge",
        "counter",
        "counter",
    ];
    /// Exposed names of the families at the summary level (folded metrics and derived counts), in schema order.
    pub const SUMMARY_FAMILY_NAMES: [&'static str; 48usize] = [
        "chronik_raft_leader_partitions",
        "chronik_raft_follower_partitions",
        "chronik_raft_node_state",
        "chronik_raft_leader_changes_seen_total",
        "chronik_raft_leaderless_partitions",
        "chronik_raft_under_replicated_partitions",
        "chronik_raft_below_quorum_partitions",
        "chronik_raft_led_partitions",
        "chronik_raft_leader_changes_frequent_partitions",
        "chronik_raft_elections_frequent_partitions",
        "chronik_raft_lagging_partitions",
        "chronik_raft_unhealthy_partition",
        "chronik_raft_follower_lag_entries",
        "chronik_raft_follower_lag_seconds",
        "chronik_raft_max_follower_lag_entries",
        "chronik_raft_last_heartbeat_timestamp_seconds",
        "chronik_raft_quorum_ack_age_seconds",
        "chronik_raft_elections_total",
        "chronik_raft_election_duration_seconds",
        "chronik_raft_last_election_timestamp_seconds",
        "chronik_raft_commit_latency_seconds",
        "chronik_raft_committed_entries_total",
        "chronik_raft_commit_batches_total",
        "chronik_raft_commit_batch_size_entries",
        "chronik_raft_proposals_total",
        "chronik_raft_proposals_failed_total",
        "chronik_raft_proposals_pending",
        "chronik_raft_snapshots_total",
        "chronik_raft_snapshot_size_bytes",
        "chronik_raft_snapshot_build_duration_seconds",
        "chronik_raft_snapshot_install_duration_seconds",
        "chronik_raft_snapshot_transfers_total",
        "chronik_raft_rpc_calls_total",
        "chronik_raft_rpc_errors_total",
        "chronik_raft_rpc_duration_seconds",
        "chronik_raft_rpc_received_total",
        "chronik_raft_replication_sent_entries_total",
        "chronik_raft_replication_received_entries_total",
        "chronik_raft_append_entries_size_bytes",
        "chronik_raft_append_entries_rejected_total",
        "chronik_raft_log_size_entries",
        "chronik_raft_log_size_bytes",
        "chronik_raft_log_compactions_total",
        "chronik_raft_cluster_voters",
        "chronik_raft_cluster_learners",
        "chronik_raft_quorum_size",
        "chronik_raft_config_changes_total",
        "chronik_raft_label_overflow_total",
    ];
    /// Prometheus type of each family in [`Self::SUMMARY_FAMILY_NAMES`].
    pub const SUMMARY_FAMILY_TYPES: [&'static str; 48usize] = [
        "gauge",
        "gauge",
        "gauge",
        "counter",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "gauge",
        "counter",
        "histogram",
        "gauge",
        "histogram",
        "counter",
        "counter",
        "histogram",
        "counter",
        "counter",
        "gauge",
        "counter",
        "gauge",
        "histogram",
        "histogram",
        "counter",
        "counter",
        "counter",
        "histogram",
        "counter",
        "counter",
        "counter",
        "histogram",
        "counter",
        "gauge",
        "gauge",
        "counter",
        "gauge",
        "gauge",
        "gauge",
        "counter",
        "counter",
    ];
    /** Create the 48 metric families (and the summary level's 48). `node` become constant labels on every series.

 Serve them with [`Self::encode`] (the fast path, or `raft_metrics::http`), or register them on a `prometheus::Registry` (raft-metrics' feature `prometheus` or `prometheus-0-13`).*/
    pub fn new(node: u64) -> Self {
        let __budget_topic = ::std::sync::Arc::new(
            ::raft_metrics::__rt::LabelBudget::new(100u64),
        );
        let __budget_partition = ::std::sync::Arc::new(
            ::raft_metrics::__rt::LabelBudget::new(64u64),
        );
        let __budget_peer = ::std::sync::Arc::new(
            ::raft_metrics::__rt::LabelBudget::new(8u64),
        );
        let leader_partitions = ::raft_metrics::__rt::IntGauge::new();
        let follower_partitions = ::raft_metrics::__rt::IntGauge::new();
        let rpc_calls_total = ::raft_metrics::__rt::Family::new(
            || ::raft_metrics::__rt::IntCounter::new(),
            ::std::vec![(1usize, ::std::sync::Arc::clone(& __budget_peer))],
        );
        let rpc_errors_total = ::raft_metrics::__rt::Family::new(
            || ::raft_metrics::__rt::IntCounter::new(),
            ::std::vec![(1usize, ::std::sync::Arc::clone(& __budget_peer))],
        );
        let rpc_duration_seconds = ::raft_metrics::__rt::Family::new(
            || ::raft_metrics::__rt::HistogramN::<
                13usize,
            >::new(&__BUCKETS_RPC_DURATION_SECONDS),
            ::std::vec![(1usize, ::std::sync::Arc::clone(& __budget_peer))],
        );
        let rpc_received_total = ::raft_metrics::__rt::EnumArray::from_fn(|_| ::raft_metrics::__rt::IntCounter::new());
        let label_overflow_total = ::raft_metrics::__rt::EnumArray::from_array([
            __budget_topic.folds(),
            __budget_partition.folds(),
            __budget_peer.folds(),
        ]);
        let __scope_partition = {
            let __budget_peer = ::std::sync::Arc::clone(&__budget_peer);
            ::std::sync::Arc::new(
                ::raft_metrics::__rt::ScopeMap::new(
                    &["topic", "partition"],
                    ::std::vec![
                        (0usize, ::std::sync::Arc::clone(& __budget_topic)), (1usize,
                        ::std::sync::Arc::clone(& __budget_partition))
                    ],
                    ::std::boxed::Box::new(move || __PartitionCells {
                        node_state: ::raft_metrics::__rt::EnumArray::from_fn(|_| ::raft_metrics::__rt::IntGauge::new()),
                        has_leader: ::raft_metrics::__rt::IntGauge::new(),
                        leader_changes_seen_total: ::raft_metrics::__rt::IntCounter::new(),
                        current_term: ::raft_metrics::__rt::IntGauge::new(),
                        commit_index: ::raft_metrics::__rt::IntGauge::new(),
                        last_applied_index: ::raft_metrics::__rt::IntGauge::new(),
                        in_sync_replicas: ::raft_metrics::__rt::IntGauge::new(),
                        follower_lag_entries: ::raft_metrics::__rt::Family::new(
                            || ::raft_metrics::__rt::IntGauge::new(),
                            ::std::vec![
                                (0usize, ::std::sync::Arc::clone(& __budget_peer))
                            ],
                        ),
                        follower_lag_seconds: ::raft_metrics::__rt::Family::new(
                            || ::raft_metrics::__rt::Gauge::new(),
                            ::std::vec![
                                (0usize, ::std::sync::Arc::clone(& __budget_peer))
                            ],
                        ),
                        max_follower_lag_entries: ::raft_metrics::__rt::IntGauge::new(),
                        last_heartbeat_timestamp_seconds: ::raft_metrics::__rt::Family::new(
                            || ::raft_metrics::__rt::Gauge::new(),
                            ::std::vec![
                                (0usize, ::std::sync::Arc::clone(& __budget_peer))
                            ],
                        ),
                        quorum_ack_age_seconds: ::raft_metrics::__rt::Gauge::new(),
                        elections_total: ::raft_metrics::__rt::EnumArray::from_fn(|_| ::raft_metrics::__rt::IntCounter::new()),
                        election_duration_seconds: ::raft_metrics::__rt::HistogramN::<
                            11usize,
                        >::new(&__BUCKETS_ELECTION_DURATION_SECONDS),
                        last_election_timestamp_seconds: ::raft_metrics::__rt::Gauge::new(),
                        votes_received: ::raft_metrics::__rt::IntGauge::new(),
                        commit_latency_seconds: ::raft_metrics::__rt::HistogramN::<
                            13usize,
                        >::new(&__BUCKETS_COMMIT_LATENCY_SECONDS),
                        committed_entries_total: ::raft_metrics::__rt::IntCounter::new(),
                        commit_batches_total: ::raft_metrics::__rt::IntCounter::new(),
                        commit_batch_size_entries: ::raft_metrics::__rt::HistogramN::<
                            10usize,
                        >::new(&__BUCKETS_COMMIT_BATCH_SIZE_ENTRIES),
                        proposals_total: ::raft_metrics::__rt::IntCounter::new(),
                        proposals_failed_total: ::raft_metrics::__rt::EnumArray::from_fn(|
                            _|
                        ::raft_metrics::__rt::IntCounter::new()),
                        proposals_pending: ::raft_metrics::__rt::IntGauge::new(),
                        snapshots_total: ::raft_metrics::__rt::EnumArray::from_fn(|_| ::raft_metrics::__rt::IntCounter::new()),
                        snapshot_size_bytes: ::raft_metrics::__rt::IntGauge::new(),
                        snapshot_build_duration_seconds: ::raft_metrics::__rt::HistogramN::<
                            12usize,
                        >::new(&__BUCKETS_SNAPSHOT_BUILD_DURATION_SECONDS),
                        snapshot_install_duration_seconds: ::raft_metrics::__rt::HistogramN::<
                            12usize,
                        >::new(&__BUCKETS_SNAPSHOT_INSTALL_DURATION_SECONDS),
                        snapshot_last_index: ::raft_metrics::__rt::IntGauge::new(),
                        snapshot_transfers_total: ::raft_metrics::__rt::EnumArray::from_fn(|
                            _|
                        ::raft_metrics::__rt::IntCounter::new()),
                        replication_sent_entries_total: ::raft_metrics::__rt::Family::new(
                            || ::raft_metrics::__rt::IntCounter::new(),
                            ::std::vec![
                                (0usize, ::std::sync::Arc::clone(& __budget_peer))
                            ],
                        ),
                        replication_received_entries_total: ::raft_metrics::__rt::Family::new(
                            || ::raft_metrics::__rt::IntCounter::new(),
                            ::std::vec![
                                (0usize, ::std::sync::Arc::clone(& __budget_peer))
                            ],
                        ),
                        append_entries_size_bytes: ::raft_metrics::__rt::HistogramN::<
                            7usize,
                        >::new(&__BUCKETS_APPEND_ENTRIES_SIZE_BYTES),
                        append_entries_rejected_total: ::raft_metrics::__rt::EnumArray::from_fn(|
                            _|
                        ::raft_metrics::__rt::IntCounter::new()),
                        log_size_entries: ::raft_metrics::__rt::IntGauge::new(),
                        log_size_bytes: ::raft_metrics::__rt::IntGauge::new(),
                        log_last_index: ::raft_metrics::__rt::IntGauge::new(),
                        log_compactions_total: ::raft_metrics::__rt::IntCounter::new(),
                        cluster_voters: ::raft_metrics::__rt::IntGauge::new(),
                        cluster_learners: ::raft_metrics::__rt::IntGauge::new(),
                        quorum_size: ::raft_metrics::__rt::IntGauge::new(),
                        config_changes_total: ::raft_metrics::__rt::EnumArray::from_fn(|
                            _|
                        ::raft_metrics::__rt::IntCounter::new()),
                    }),
                ),
            )
        };
        RaftMetrics {
            inner: ::std::sync::Arc::new(__Families {
                __constant: ::raft_metrics::__rt::Constant::new(
                    ::std::vec![
                        ("node", { let mut __b =
                        ::raft_metrics::__rt::itoa::Buffer::new();
                        ::raft_metrics::__rt::LabelPart::as_label(node, & mut __b)
                        .to_string() })
                    ],
                ),
                __budget_topic,
                __budget_partition,
                __budget_peer,
                leader_partitions,
                follower_partitions,
                rpc_calls_total,
                rpc_errors_total,
                rpc_duration_seconds,
                rpc_received_total,
                label_overflow_total,
                __scope_partition,
            }),
        }
    }
    /// Append the text exposition (format 0.0.4) of `level` to `out`, read straight from
    /// the series: what `/metrics` (detailed) and `/metrics/summary` serve.
    pub fn encode(
        &self,
        level: ::raft_metrics::__rt::Level,
        out: &mut ::std::vec::Vec<u8>,
    ) {
        ::raft_metrics::__rt::encode(&*self.inner, level, out)
    }
    /// The text exposition of `level`.
    pub fn exposition(
        &self,
        level: ::raft_metrics::__rt::Level,
    ) -> ::std::string::String {
        let mut out = ::std::vec::Vec::new();
        self.encode(level, &mut out);
        ::std::string::String::from_utf8(out).unwrap_or_default()
    }
    /// Partitions for which this node is the leader.
    ///
    /// `chronik_raft_leader_partitions` — gauge (integer), unit: none.
    /// Replaces `chronik_raft_leader_count`.
    #[inline]
    pub fn leader_partitions(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.inner.leader_partitions
    }
    /// Partitions for which this node is a follower.
    ///
    /// `chronik_raft_follower_partitions` — gauge (integer), unit: none.
    /// Replaces `chronik_raft_follower_count`.
    #[inline]
    pub fn follower_partitions(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.inner.follower_partitions
    }
    /// Raft RPCs sent to a peer, by kind and result.
    ///
    /// `chronik_raft_rpc_calls_total` — counter (integer), unit: none.
    /// Labels: `rpc`, `peer`, `result`.
    #[inline]
    pub fn rpc_calls_total(
        &self,
        rpc: Rpc,
        peer: u64,
        result: Outcome,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        self.inner.rpc_calls_total.get((rpc, peer, result))
    }
    /// Failed Raft RPCs sent to a peer, by kind and error.
    ///
    /// `chronik_raft_rpc_errors_total` — counter (integer), unit: none.
    /// Labels: `rpc`, `peer`, `error`.
    #[inline]
    pub fn rpc_errors_total(
        &self,
        rpc: Rpc,
        peer: u64,
        error: RpcError,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        self.inner.rpc_errors_total.get((rpc, peer, error))
    }
    /// Round trip of a Raft RPC to a peer, for successes and failures alike. An adapter may time a sample of the calls (raft-rs: at most one request of each kind per peer and group every 50 ms; openraft: one AppendEntries in 8 per connection): rpc_calls_total counts them all.
    ///
    /// `chronik_raft_rpc_duration_seconds` — histogram, unit: seconds.
    /// Labels: `rpc`, `peer`.
    /// Buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0].
    /// Replaces `chronik_raft_rpc_latency_ms` (which was in milliseconds).
    #[inline]
    pub fn rpc_duration_seconds(
        &self,
        rpc: Rpc,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        ::raft_metrics::__rt::Series::map(
            self.inner.rpc_duration_seconds.get((rpc, peer)),
            |__h| -> &::raft_metrics::__rt::Histogram { __h },
        )
    }
    /// Raft RPCs this node handled as the receiver, by kind and result.
    ///
    /// `chronik_raft_rpc_received_total` — counter (integer), unit: none.
    /// Labels: `rpc`, `result`.
    #[inline]
    pub fn rpc_received_total(
        &self,
        rpc: Rpc,
        result: Outcome,
    ) -> &::raft_metrics::__rt::IntCounter {
        self.inner
            .rpc_received_total
            .at(
                ::raft_metrics::__rt::flat_index(
                    &[(rpc as usize, 4usize), (result as usize, 2usize)],
                ),
            )
    }
    /// Updates whose open label value was reported as `__overflow__` because the label already had max_values distinct values on this node.
    ///
    /// `chronik_raft_label_overflow_total` — counter (integer), unit: none.
    /// Labels: `label`.
    #[inline]
    pub fn label_overflow_total(
        &self,
        label: OpenLabel,
    ) -> &::raft_metrics::__rt::IntCounter {
        self.inner
            .label_overflow_total
            .at(::raft_metrics::__rt::flat_index(&[(label as usize, 3usize)]))
    }
    /// The bound handle of the partition with these labels, created on first use and shared while any clone lives.
    pub fn partition(&self, topic: &str, partition: u32) -> PartitionMetrics {
        PartitionMetrics {
            h: self.inner.__scope_partition.handle((topic, partition)),
        }
    }
    /// Remove every series of the partition with these labels from the exposition.
    pub fn remove_partition(&self, topic: &str, partition: u32) {
        self.inner.__scope_partition.remove((topic, partition));
    }
    /// Raft state of this node for the partition, one-hot: 1 for the current state, 0 for the others.
    ///
    /// `chronik_raft_node_state` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`, `state`.
    /// Note: Replaces the numeric encoding (1 leader, 2 candidate, 3 follower): filter with state="leader".
    pub fn node_state(
        &self,
        topic: &str,
        partition: u32,
        state: RaftState,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        let __i = ::raft_metrics::__rt::flat_index(&[(state as usize, 6usize)]);
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { __e.cells().node_state.at(__i) },
        )
    }
    /// 1 if this node knows a leader for the partition, else 0.
    ///
    /// `chronik_raft_has_leader` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn has_leader(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().has_leader },
        )
    }
    /// Times this node saw the partition's leader change.
    ///
    /// `chronik_raft_leader_changes_seen_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn leader_changes_seen_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                &__e.cells().leader_changes_seen_total
            },
        )
    }
    /// Current Raft term of the partition on this node.
    ///
    /// `chronik_raft_current_term` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn current_term(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().current_term },
        )
    }
    /// Highest log index known to be committed.
    ///
    /// `chronik_raft_commit_index` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn commit_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().commit_index },
        )
    }
    /// Highest log index applied to the state machine.
    ///
    /// `chronik_raft_last_applied_index` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_last_applied`.
    pub fn last_applied_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().last_applied_index },
        )
    }
    /// Replicas (leader included) whose matched index is within the in-sync window; reported by the leader.
    ///
    /// `chronik_raft_in_sync_replicas` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_isr_size`.
    pub fn in_sync_replicas(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().in_sync_replicas },
        )
    }
    /// Entries the follower's matched index is behind the leader's last log index.
    ///
    /// `chronik_raft_follower_lag_entries` — gauge (integer), unit: entries.
    /// Labels: `topic`, `partition`, `peer`.
    pub fn follower_lag_entries(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        self.inner
            .__scope_partition
            .entry((topic, partition))
            .cells()
            .follower_lag_entries
            .get((peer,))
    }
    /// Time since the follower last matched the leader's last log index (0 when caught up).
    ///
    /// `chronik_raft_follower_lag_seconds` — gauge (float), unit: seconds.
    /// Labels: `topic`, `partition`, `peer`.
    /// Replaces `chronik_raft_follower_lag_ms` (which was in milliseconds).
    pub fn follower_lag_seconds(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        self.inner
            .__scope_partition
            .entry((topic, partition))
            .cells()
            .follower_lag_seconds
            .get((peer,))
    }
    /// Largest follower lag of the partition, in entries.
    ///
    /// `chronik_raft_max_follower_lag_entries` — gauge (integer), unit: entries.
    /// Labels: `topic`, `partition`.
    pub fn max_follower_lag_entries(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge {
                &__e.cells().max_follower_lag_entries
            },
        )
    }
    /// Unix time of the last successful heartbeat or AppendEntries to the follower.
    ///
    /// `chronik_raft_last_heartbeat_timestamp_seconds` — gauge (float), unit: seconds.
    /// Labels: `topic`, `partition`, `peer`.
    /// Replaces `chronik_raft_last_heartbeat_timestamp_ms` (which was in milliseconds).
    pub fn last_heartbeat_timestamp_seconds(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        self.inner
            .__scope_partition
            .entry((topic, partition))
            .cells()
            .last_heartbeat_timestamp_seconds
            .get((peer,))
    }
    /// Time since a quorum last acknowledged the leader; grows when the leader is cut off.
    ///
    /// `chronik_raft_quorum_ack_age_seconds` — gauge (float), unit: seconds.
    /// Labels: `topic`, `partition`.
    pub fn quorum_ack_age_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::Gauge { &__e.cells().quorum_ack_age_seconds },
        )
    }
    /// Elections this node started as a candidate, by result (won or not).
    ///
    /// `chronik_raft_elections_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `result`.
    /// Replaces `chronik_raft_election_count`.
    pub fn elections_total(
        &self,
        topic: &str,
        partition: u32,
        result: Outcome,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        let __i = ::raft_metrics::__rt::flat_index(&[(result as usize, 2usize)]);
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                __e.cells().elections_total.at(__i)
            },
        )
    }
    /// Time from becoming candidate to winning or giving up, observed for every election.
    ///
    /// `chronik_raft_election_duration_seconds` — histogram, unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0].
    /// Replaces `chronik_raft_election_latency_ms` (which was in milliseconds).
    pub fn election_duration_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::Histogram {
                &__e.cells().election_duration_seconds
            },
        )
    }
    /// Unix time of the last election this node took part in as a candidate.
    ///
    /// `chronik_raft_last_election_timestamp_seconds` — gauge (float), unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_last_election_timestamp_ms` (which was in milliseconds).
    pub fn last_election_timestamp_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::Gauge {
                &__e.cells().last_election_timestamp_seconds
            },
        )
    }
    /// Votes granted to this node in its current or last election.
    ///
    /// `chronik_raft_votes_received` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn votes_received(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().votes_received },
        )
    }
    /// Time from a proposal on the leader to its commit.
    ///
    /// `chronik_raft_commit_latency_seconds` — histogram, unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0].
    /// Replaces `chronik_raft_commit_latency_ms` (which was in milliseconds).
    pub fn commit_latency_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::Histogram {
                &__e.cells().commit_latency_seconds
            },
        )
    }
    /// Log entries committed.
    ///
    /// `chronik_raft_committed_entries_total` — counter (integer), unit: entries.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_commits_total`.
    pub fn committed_entries_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                &__e.cells().committed_entries_total
            },
        )
    }
    /// Batches of entries committed together (a batch of one counts).
    ///
    /// `chronik_raft_commit_batches_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_batch_commits_total`.
    pub fn commit_batches_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                &__e.cells().commit_batches_total
            },
        )
    }
    /// Entries per committed batch, observed for every batch, including batches of one.
    ///
    /// `chronik_raft_commit_batch_size_entries` — histogram, unit: entries.
    /// Labels: `topic`, `partition`.
    /// Buckets: [1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0].
    /// Replaces `chronik_raft_commit_batch_size`.
    pub fn commit_batch_size_entries(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::Histogram {
                &__e.cells().commit_batch_size_entries
            },
        )
    }
    /// Client proposals submitted to the leader.
    ///
    /// `chronik_raft_proposals_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn proposals_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter { &__e.cells().proposals_total },
        )
    }
    /// Proposals that failed, by cause: refused by a node that does not lead, dropped by raft, superseded by another leader's entry, or a storage error.
    ///
    /// `chronik_raft_proposals_failed_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `cause`.
    pub fn proposals_failed_total(
        &self,
        topic: &str,
        partition: u32,
        cause: ProposalFailure,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        let __i = ::raft_metrics::__rt::flat_index(&[(cause as usize, 5usize)]);
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                __e.cells().proposals_failed_total.at(__i)
            },
        )
    }
    /// Proposals submitted and not yet committed or failed.
    ///
    /// `chronik_raft_proposals_pending` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn proposals_pending(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().proposals_pending },
        )
    }
    /// Snapshots built or installed on this node, by trigger.
    ///
    /// `chronik_raft_snapshots_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `trigger`.
    /// Replaces `chronik_raft_snapshot_count`.
    pub fn snapshots_total(
        &self,
        topic: &str,
        partition: u32,
        trigger: SnapshotTrigger,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        let __i = ::raft_metrics::__rt::flat_index(&[(trigger as usize, 3usize)]);
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                __e.cells().snapshots_total.at(__i)
            },
        )
    }
    /// Size of the latest snapshot.
    ///
    /// `chronik_raft_snapshot_size_bytes` — gauge (integer), unit: bytes.
    /// Labels: `topic`, `partition`.
    pub fn snapshot_size_bytes(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().snapshot_size_bytes },
        )
    }
    /// Time to build a snapshot from the state machine.
    ///
    /// `chronik_raft_snapshot_build_duration_seconds` — histogram, unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Buckets: [0.001, 0.01, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0].
    /// Replaces `chronik_raft_snapshot_create_latency_ms` (which was in milliseconds).
    pub fn snapshot_build_duration_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::Histogram {
                &__e.cells().snapshot_build_duration_seconds
            },
        )
    }
    /// Time to install a snapshot received from the leader.
    ///
    /// `chronik_raft_snapshot_install_duration_seconds` — histogram, unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Buckets: [0.001, 0.01, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0].
    /// Replaces `chronik_raft_snapshot_apply_latency_ms` (which was in milliseconds).
    pub fn snapshot_install_duration_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::Histogram {
                &__e.cells().snapshot_install_duration_seconds
            },
        )
    }
    /// Last log index included in the latest snapshot.
    ///
    /// `chronik_raft_snapshot_last_index` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn snapshot_last_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().snapshot_last_index },
        )
    }
    /// Snapshot transfers between nodes, by direction and result.
    ///
    /// `chronik_raft_snapshot_transfers_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `direction`, `result`.
    pub fn snapshot_transfers_total(
        &self,
        topic: &str,
        partition: u32,
        direction: Direction,
        result: Outcome,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        let __i = ::raft_metrics::__rt::flat_index(
            &[(direction as usize, 2usize), (result as usize, 2usize)],
        );
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                __e.cells().snapshot_transfers_total.at(__i)
            },
        )
    }
    /// Log entries sent to a follower in AppendEntries requests (heartbeats carry none; requests are counted in rpc_calls_total).
    ///
    /// `chronik_raft_replication_sent_entries_total` — counter (integer), unit: entries.
    /// Labels: `topic`, `partition`, `peer`.
    /// Replaces `chronik_raft_append_entries_sent_total`.
    pub fn replication_sent_entries_total(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        self.inner
            .__scope_partition
            .entry((topic, partition))
            .cells()
            .replication_sent_entries_total
            .get((peer,))
    }
    /// Log entries received from the leader in AppendEntries requests (requests are counted in rpc_received_total).
    ///
    /// `chronik_raft_replication_received_entries_total` — counter (integer), unit: entries.
    /// Labels: `topic`, `partition`, `peer`.
    /// Replaces `chronik_raft_append_entries_received_total`.
    pub fn replication_received_entries_total(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        self.inner
            .__scope_partition
            .entry((topic, partition))
            .cells()
            .replication_received_entries_total
            .get((peer,))
    }
    /// Payload size of AppendEntries requests sent.
    ///
    /// `chronik_raft_append_entries_size_bytes` — histogram, unit: bytes.
    /// Labels: `topic`, `partition`.
    /// Buckets: [100.0, 1000.0, 10000.0, 100000.0, 1000000.0, 10000000.0].
    pub fn append_entries_size_bytes(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::Histogram {
                &__e.cells().append_entries_size_bytes
            },
        )
    }
    /// AppendEntries requests this node rejected as a follower, by reason.
    ///
    /// `chronik_raft_append_entries_rejected_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `reason`.
    pub fn append_entries_rejected_total(
        &self,
        topic: &str,
        partition: u32,
        reason: RejectReason,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        let __i = ::raft_metrics::__rt::flat_index(&[(reason as usize, 3usize)]);
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                __e.cells().append_entries_rejected_total.at(__i)
            },
        )
    }
    /// Entries in the log: last log index minus last purged index.
    ///
    /// `chronik_raft_log_size_entries` — gauge (integer), unit: entries.
    /// Labels: `topic`, `partition`.
    pub fn log_size_entries(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().log_size_entries },
        )
    }
    /// Bytes held by the log's entries.
    ///
    /// `chronik_raft_log_size_bytes` — gauge (integer), unit: bytes.
    /// Labels: `topic`, `partition`.
    pub fn log_size_bytes(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().log_size_bytes },
        )
    }
    /// Index of the last entry in the log.
    ///
    /// `chronik_raft_log_last_index` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn log_last_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().log_last_index },
        )
    }
    /// Log compactions (purges up to a snapshot).
    ///
    /// `chronik_raft_log_compactions_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn log_compactions_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                &__e.cells().log_compactions_total
            },
        )
    }
    /// Voters in the partition's current membership configuration.
    ///
    /// `chronik_raft_cluster_voters` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_cluster_size`.
    pub fn cluster_voters(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().cluster_voters },
        )
    }
    /// Learners (non-voting members) in the current configuration.
    ///
    /// `chronik_raft_cluster_learners` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn cluster_learners(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().cluster_learners },
        )
    }
    /// Votes needed for a quorum in the current configuration.
    ///
    /// `chronik_raft_quorum_size` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    pub fn quorum_size(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntGauge { &__e.cells().quorum_size },
        )
    }
    /// Membership configuration changes applied, by kind.
    ///
    /// `chronik_raft_config_changes_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `change`.
    pub fn config_changes_total(
        &self,
        topic: &str,
        partition: u32,
        change: ConfigChange,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        let __i = ::raft_metrics::__rt::flat_index(&[(change as usize, 5usize)]);
        ::raft_metrics::__rt::Series::project(
            self.inner.__scope_partition.entry((topic, partition)),
            |__e| -> &::raft_metrics::__rt::IntCounter {
                __e.cells().config_changes_total.at(__i)
            },
        )
    }
}
::raft_metrics::__bridge_0_14!(RaftMetrics, __FAMILIES, (node : u64), (node));
::raft_metrics::__bridge_0_13!(RaftMetrics, __FAMILIES, (node : u64), (node));
impl ::raft_metrics::__rt::Encode for RaftMetrics {
    fn encode_level(
        &self,
        level: ::raft_metrics::__rt::Level,
        out: &mut ::std::vec::Vec<u8>,
    ) {
        self.encode(level, out)
    }
}
#[doc(hidden)]
pub struct __PartitionCells {
    node_state: ::raft_metrics::__rt::EnumArray<::raft_metrics::__rt::IntGauge, 6usize>,
    has_leader: ::raft_metrics::__rt::IntGauge,
    leader_changes_seen_total: ::raft_metrics::__rt::IntCounter,
    current_term: ::raft_metrics::__rt::IntGauge,
    commit_index: ::raft_metrics::__rt::IntGauge,
    last_applied_index: ::raft_metrics::__rt::IntGauge,
    in_sync_replicas: ::raft_metrics::__rt::IntGauge,
    follower_lag_entries: ::raft_metrics::__rt::Family<
        (u64,),
        ::raft_metrics::__rt::IntGauge,
    >,
    follower_lag_seconds: ::raft_metrics::__rt::Family<
        (u64,),
        ::raft_metrics::__rt::Gauge,
    >,
    max_follower_lag_entries: ::raft_metrics::__rt::IntGauge,
    last_heartbeat_timestamp_seconds: ::raft_metrics::__rt::Family<
        (u64,),
        ::raft_metrics::__rt::Gauge,
    >,
    quorum_ack_age_seconds: ::raft_metrics::__rt::Gauge,
    elections_total: ::raft_metrics::__rt::EnumArray<
        ::raft_metrics::__rt::IntCounter,
        2usize,
    >,
    election_duration_seconds: ::raft_metrics::__rt::HistogramN<11usize>,
    last_election_timestamp_seconds: ::raft_metrics::__rt::Gauge,
    votes_received: ::raft_metrics::__rt::IntGauge,
    commit_latency_seconds: ::raft_metrics::__rt::HistogramN<13usize>,
    committed_entries_total: ::raft_metrics::__rt::IntCounter,
    commit_batches_total: ::raft_metrics::__rt::IntCounter,
    commit_batch_size_entries: ::raft_metrics::__rt::HistogramN<10usize>,
    proposals_total: ::raft_metrics::__rt::IntCounter,
    proposals_failed_total: ::raft_metrics::__rt::EnumArray<
        ::raft_metrics::__rt::IntCounter,
        5usize,
    >,
    proposals_pending: ::raft_metrics::__rt::IntGauge,
    snapshots_total: ::raft_metrics::__rt::EnumArray<
        ::raft_metrics::__rt::IntCounter,
        3usize,
    >,
    snapshot_size_bytes: ::raft_metrics::__rt::IntGauge,
    snapshot_build_duration_seconds: ::raft_metrics::__rt::HistogramN<12usize>,
    snapshot_install_duration_seconds: ::raft_metrics::__rt::HistogramN<12usize>,
    snapshot_last_index: ::raft_metrics::__rt::IntGauge,
    snapshot_transfers_total: ::raft_metrics::__rt::EnumArray<
        ::raft_metrics::__rt::IntCounter,
        4usize,
    >,
    replication_sent_entries_total: ::raft_metrics::__rt::Family<
        (u64,),
        ::raft_metrics::__rt::IntCounter,
    >,
    replication_received_entries_total: ::raft_metrics::__rt::Family<
        (u64,),
        ::raft_metrics::__rt::IntCounter,
    >,
    append_entries_size_bytes: ::raft_metrics::__rt::HistogramN<7usize>,
    append_entries_rejected_total: ::raft_metrics::__rt::EnumArray<
        ::raft_metrics::__rt::IntCounter,
        3usize,
    >,
    log_size_entries: ::raft_metrics::__rt::IntGauge,
    log_size_bytes: ::raft_metrics::__rt::IntGauge,
    log_last_index: ::raft_metrics::__rt::IntGauge,
    log_compactions_total: ::raft_metrics::__rt::IntCounter,
    cluster_voters: ::raft_metrics::__rt::IntGauge,
    cluster_learners: ::raft_metrics::__rt::IntGauge,
    quorum_size: ::raft_metrics::__rt::IntGauge,
    config_changes_total: ::raft_metrics::__rt::EnumArray<
        ::raft_metrics::__rt::IntCounter,
        5usize,
    >,
}
impl ::raft_metrics::__rt::Cells for __PartitionCells {
    fn close(&self) {
        self.follower_lag_entries.close();
        self.follower_lag_seconds.close();
        self.last_heartbeat_timestamp_seconds.close();
        self.replication_sent_entries_total.close();
        self.replication_received_entries_total.close();
    }
}
/** Metrics bound to one partition (topic, partition): its series are resolved once, so an update costs one load and one atomic operation.

 One Raft group: keep the handle in the group's state and drop it when the partition leaves the node.

 Clones share the handle. When the last clone is dropped, or on `RaftMetrics::remove_partition`, the partition's series leave the exposition; a handle kept after `remove_partition` records into series that are never exposed.*/
#[derive(Clone, Debug)]
pub struct PartitionMetrics {
    h: ::raft_metrics::__rt::Handle<(::std::boxed::Box<str>, u32), __PartitionCells>,
}
impl PartitionMetrics {
    /// Raft state of this node for the partition, one-hot: 1 for the current state, 0 for the others.
    ///
    /// `chronik_raft_node_state` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`, `state`.
    /// Note: Replaces the numeric encoding (1 leader, 2 candidate, 3 follower): filter with state="leader".
    #[inline]
    pub fn node_state(&self, state: RaftState) -> &::raft_metrics::__rt::IntGauge {
        self.h
            .cells()
            .node_state
            .at(::raft_metrics::__rt::flat_index(&[(state as usize, 6usize)]))
    }
    /// 1 if this node knows a leader for the partition, else 0.
    ///
    /// `chronik_raft_has_leader` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn has_leader(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().has_leader
    }
    /// Times this node saw the partition's leader change.
    ///
    /// `chronik_raft_leader_changes_seen_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn leader_changes_seen_total(&self) -> &::raft_metrics::__rt::IntCounter {
        &self.h.cells().leader_changes_seen_total
    }
    /// Current Raft term of the partition on this node.
    ///
    /// `chronik_raft_current_term` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn current_term(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().current_term
    }
    /// Highest log index known to be committed.
    ///
    /// `chronik_raft_commit_index` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn commit_index(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().commit_index
    }
    /// Highest log index applied to the state machine.
    ///
    /// `chronik_raft_last_applied_index` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_last_applied`.
    #[inline]
    pub fn last_applied_index(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().last_applied_index
    }
    /// Replicas (leader included) whose matched index is within the in-sync window; reported by the leader.
    ///
    /// `chronik_raft_in_sync_replicas` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_isr_size`.
    #[inline]
    pub fn in_sync_replicas(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().in_sync_replicas
    }
    /// Entries the follower's matched index is behind the leader's last log index.
    ///
    /// `chronik_raft_follower_lag_entries` — gauge (integer), unit: entries.
    /// Labels: `topic`, `partition`, `peer`.
    #[inline]
    pub fn follower_lag_entries(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        self.h.cells().follower_lag_entries.get((peer,))
    }
    /// Time since the follower last matched the leader's last log index (0 when caught up).
    ///
    /// `chronik_raft_follower_lag_seconds` — gauge (float), unit: seconds.
    /// Labels: `topic`, `partition`, `peer`.
    /// Replaces `chronik_raft_follower_lag_ms` (which was in milliseconds).
    #[inline]
    pub fn follower_lag_seconds(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        self.h.cells().follower_lag_seconds.get((peer,))
    }
    /// Largest follower lag of the partition, in entries.
    ///
    /// `chronik_raft_max_follower_lag_entries` — gauge (integer), unit: entries.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn max_follower_lag_entries(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().max_follower_lag_entries
    }
    /// Unix time of the last successful heartbeat or AppendEntries to the follower.
    ///
    /// `chronik_raft_last_heartbeat_timestamp_seconds` — gauge (float), unit: seconds.
    /// Labels: `topic`, `partition`, `peer`.
    /// Replaces `chronik_raft_last_heartbeat_timestamp_ms` (which was in milliseconds).
    #[inline]
    pub fn last_heartbeat_timestamp_seconds(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        self.h.cells().last_heartbeat_timestamp_seconds.get((peer,))
    }
    /// Time since a quorum last acknowledged the leader; grows when the leader is cut off.
    ///
    /// `chronik_raft_quorum_ack_age_seconds` — gauge (float), unit: seconds.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn quorum_ack_age_seconds(&self) -> &::raft_metrics::__rt::Gauge {
        &self.h.cells().quorum_ack_age_seconds
    }
    /// Elections this node started as a candidate, by result (won or not).
    ///
    /// `chronik_raft_elections_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `result`.
    /// Replaces `chronik_raft_election_count`.
    #[inline]
    pub fn elections_total(&self, result: Outcome) -> &::raft_metrics::__rt::IntCounter {
        self.h
            .cells()
            .elections_total
            .at(::raft_metrics::__rt::flat_index(&[(result as usize, 2usize)]))
    }
    /// Time from becoming candidate to winning or giving up, observed for every election.
    ///
    /// `chronik_raft_election_duration_seconds` — histogram, unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0].
    /// Replaces `chronik_raft_election_latency_ms` (which was in milliseconds).
    #[inline]
    pub fn election_duration_seconds(&self) -> &::raft_metrics::__rt::Histogram {
        &self.h.cells().election_duration_seconds
    }
    /// Unix time of the last election this node took part in as a candidate.
    ///
    /// `chronik_raft_last_election_timestamp_seconds` — gauge (float), unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_last_election_timestamp_ms` (which was in milliseconds).
    #[inline]
    pub fn last_election_timestamp_seconds(&self) -> &::raft_metrics::__rt::Gauge {
        &self.h.cells().last_election_timestamp_seconds
    }
    /// Votes granted to this node in its current or last election.
    ///
    /// `chronik_raft_votes_received` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn votes_received(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().votes_received
    }
    /// Time from a proposal on the leader to its commit.
    ///
    /// `chronik_raft_commit_latency_seconds` — histogram, unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0].
    /// Replaces `chronik_raft_commit_latency_ms` (which was in milliseconds).
    #[inline]
    pub fn commit_latency_seconds(&self) -> &::raft_metrics::__rt::Histogram {
        &self.h.cells().commit_latency_seconds
    }
    /// Log entries committed.
    ///
    /// `chronik_raft_committed_entries_total` — counter (integer), unit: entries.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_commits_total`.
    #[inline]
    pub fn committed_entries_total(&self) -> &::raft_metrics::__rt::IntCounter {
        &self.h.cells().committed_entries_total
    }
    /// Batches of entries committed together (a batch of one counts).
    ///
    /// `chronik_raft_commit_batches_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_batch_commits_total`.
    #[inline]
    pub fn commit_batches_total(&self) -> &::raft_metrics::__rt::IntCounter {
        &self.h.cells().commit_batches_total
    }
    /// Entries per committed batch, observed for every batch, including batches of one.
    ///
    /// `chronik_raft_commit_batch_size_entries` — histogram, unit: entries.
    /// Labels: `topic`, `partition`.
    /// Buckets: [1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0].
    /// Replaces `chronik_raft_commit_batch_size`.
    #[inline]
    pub fn commit_batch_size_entries(&self) -> &::raft_metrics::__rt::Histogram {
        &self.h.cells().commit_batch_size_entries
    }
    /// Client proposals submitted to the leader.
    ///
    /// `chronik_raft_proposals_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn proposals_total(&self) -> &::raft_metrics::__rt::IntCounter {
        &self.h.cells().proposals_total
    }
    /// Proposals that failed, by cause: refused by a node that does not lead, dropped by raft, superseded by another leader's entry, or a storage error.
    ///
    /// `chronik_raft_proposals_failed_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `cause`.
    #[inline]
    pub fn proposals_failed_total(
        &self,
        cause: ProposalFailure,
    ) -> &::raft_metrics::__rt::IntCounter {
        self.h
            .cells()
            .proposals_failed_total
            .at(::raft_metrics::__rt::flat_index(&[(cause as usize, 5usize)]))
    }
    /// Proposals submitted and not yet committed or failed.
    ///
    /// `chronik_raft_proposals_pending` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn proposals_pending(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().proposals_pending
    }
    /// Snapshots built or installed on this node, by trigger.
    ///
    /// `chronik_raft_snapshots_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `trigger`.
    /// Replaces `chronik_raft_snapshot_count`.
    #[inline]
    pub fn snapshots_total(
        &self,
        trigger: SnapshotTrigger,
    ) -> &::raft_metrics::__rt::IntCounter {
        self.h
            .cells()
            .snapshots_total
            .at(::raft_metrics::__rt::flat_index(&[(trigger as usize, 3usize)]))
    }
    /// Size of the latest snapshot.
    ///
    /// `chronik_raft_snapshot_size_bytes` — gauge (integer), unit: bytes.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn snapshot_size_bytes(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().snapshot_size_bytes
    }
    /// Time to build a snapshot from the state machine.
    ///
    /// `chronik_raft_snapshot_build_duration_seconds` — histogram, unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Buckets: [0.001, 0.01, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0].
    /// Replaces `chronik_raft_snapshot_create_latency_ms` (which was in milliseconds).
    #[inline]
    pub fn snapshot_build_duration_seconds(&self) -> &::raft_metrics::__rt::Histogram {
        &self.h.cells().snapshot_build_duration_seconds
    }
    /// Time to install a snapshot received from the leader.
    ///
    /// `chronik_raft_snapshot_install_duration_seconds` — histogram, unit: seconds.
    /// Labels: `topic`, `partition`.
    /// Buckets: [0.001, 0.01, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0].
    /// Replaces `chronik_raft_snapshot_apply_latency_ms` (which was in milliseconds).
    #[inline]
    pub fn snapshot_install_duration_seconds(&self) -> &::raft_metrics::__rt::Histogram {
        &self.h.cells().snapshot_install_duration_seconds
    }
    /// Last log index included in the latest snapshot.
    ///
    /// `chronik_raft_snapshot_last_index` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn snapshot_last_index(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().snapshot_last_index
    }
    /// Snapshot transfers between nodes, by direction and result.
    ///
    /// `chronik_raft_snapshot_transfers_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `direction`, `result`.
    #[inline]
    pub fn snapshot_transfers_total(
        &self,
        direction: Direction,
        result: Outcome,
    ) -> &::raft_metrics::__rt::IntCounter {
        self.h
            .cells()
            .snapshot_transfers_total
            .at(
                ::raft_metrics::__rt::flat_index(
                    &[(direction as usize, 2usize), (result as usize, 2usize)],
                ),
            )
    }
    /// Log entries sent to a follower in AppendEntries requests (heartbeats carry none; requests are counted in rpc_calls_total).
    ///
    /// `chronik_raft_replication_sent_entries_total` — counter (integer), unit: entries.
    /// Labels: `topic`, `partition`, `peer`.
    /// Replaces `chronik_raft_append_entries_sent_total`.
    #[inline]
    pub fn replication_sent_entries_total(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        self.h.cells().replication_sent_entries_total.get((peer,))
    }
    /// Log entries received from the leader in AppendEntries requests (requests are counted in rpc_received_total).
    ///
    /// `chronik_raft_replication_received_entries_total` — counter (integer), unit: entries.
    /// Labels: `topic`, `partition`, `peer`.
    /// Replaces `chronik_raft_append_entries_received_total`.
    #[inline]
    pub fn replication_received_entries_total(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        self.h.cells().replication_received_entries_total.get((peer,))
    }
    /// Payload size of AppendEntries requests sent.
    ///
    /// `chronik_raft_append_entries_size_bytes` — histogram, unit: bytes.
    /// Labels: `topic`, `partition`.
    /// Buckets: [100.0, 1000.0, 10000.0, 100000.0, 1000000.0, 10000000.0].
    #[inline]
    pub fn append_entries_size_bytes(&self) -> &::raft_metrics::__rt::Histogram {
        &self.h.cells().append_entries_size_bytes
    }
    /// AppendEntries requests this node rejected as a follower, by reason.
    ///
    /// `chronik_raft_append_entries_rejected_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `reason`.
    #[inline]
    pub fn append_entries_rejected_total(
        &self,
        reason: RejectReason,
    ) -> &::raft_metrics::__rt::IntCounter {
        self.h
            .cells()
            .append_entries_rejected_total
            .at(::raft_metrics::__rt::flat_index(&[(reason as usize, 3usize)]))
    }
    /// Entries in the log: last log index minus last purged index.
    ///
    /// `chronik_raft_log_size_entries` — gauge (integer), unit: entries.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn log_size_entries(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().log_size_entries
    }
    /// Bytes held by the log's entries.
    ///
    /// `chronik_raft_log_size_bytes` — gauge (integer), unit: bytes.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn log_size_bytes(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().log_size_bytes
    }
    /// Index of the last entry in the log.
    ///
    /// `chronik_raft_log_last_index` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn log_last_index(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().log_last_index
    }
    /// Log compactions (purges up to a snapshot).
    ///
    /// `chronik_raft_log_compactions_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn log_compactions_total(&self) -> &::raft_metrics::__rt::IntCounter {
        &self.h.cells().log_compactions_total
    }
    /// Voters in the partition's current membership configuration.
    ///
    /// `chronik_raft_cluster_voters` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    /// Replaces `chronik_raft_cluster_size`.
    #[inline]
    pub fn cluster_voters(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().cluster_voters
    }
    /// Learners (non-voting members) in the current configuration.
    ///
    /// `chronik_raft_cluster_learners` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn cluster_learners(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().cluster_learners
    }
    /// Votes needed for a quorum in the current configuration.
    ///
    /// `chronik_raft_quorum_size` — gauge (integer), unit: none.
    /// Labels: `topic`, `partition`.
    #[inline]
    pub fn quorum_size(&self) -> &::raft_metrics::__rt::IntGauge {
        &self.h.cells().quorum_size
    }
    /// Membership configuration changes applied, by kind.
    ///
    /// `chronik_raft_config_changes_total` — counter (integer), unit: none.
    /// Labels: `topic`, `partition`, `change`.
    #[inline]
    pub fn config_changes_total(
        &self,
        change: ConfigChange,
    ) -> &::raft_metrics::__rt::IntCounter {
        self.h
            .cells()
            .config_changes_total
            .at(::raft_metrics::__rt::flat_index(&[(change as usize, 5usize)]))
    }
}
/// The metrics the raft-metrics adapters feed: implemented by [`RaftMetrics`] and by the type of every schema expanded with `include_schema!("…", implements = raft_metrics)`, which has the same labels, scopes and metrics (and may add its own).
pub trait RaftMetricsApi: ::std::marker::Send + ::std::marker::Sync + ::std::fmt::Debug + 'static {
    /// The bound handle of a partition: the type's own, shared.
    fn partition(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::std::sync::Arc<dyn PartitionMetricsApi>;
    fn remove_partition(&self, topic: &str, partition: u32);
    fn leader_partitions(&self) -> &::raft_metrics::__rt::IntGauge;
    fn follower_partitions(&self) -> &::raft_metrics::__rt::IntGauge;
    fn node_state(
        &self,
        topic: &str,
        partition: u32,
        state: RaftState,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn has_leader(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn leader_changes_seen_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn current_term(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn commit_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn last_applied_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn in_sync_replicas(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn follower_lag_entries(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn follower_lag_seconds(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge>;
    fn max_follower_lag_entries(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn last_heartbeat_timestamp_seconds(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge>;
    fn quorum_ack_age_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge>;
    fn elections_total(
        &self,
        topic: &str,
        partition: u32,
        result: Outcome,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn election_duration_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram>;
    fn last_election_timestamp_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge>;
    fn votes_received(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn commit_latency_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram>;
    fn committed_entries_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn commit_batches_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn commit_batch_size_entries(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram>;
    fn proposals_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn proposals_failed_total(
        &self,
        topic: &str,
        partition: u32,
        cause: ProposalFailure,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn proposals_pending(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn snapshots_total(
        &self,
        topic: &str,
        partition: u32,
        trigger: SnapshotTrigger,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn snapshot_size_bytes(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn snapshot_build_duration_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram>;
    fn snapshot_install_duration_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram>;
    fn snapshot_last_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn snapshot_transfers_total(
        &self,
        topic: &str,
        partition: u32,
        direction: Direction,
        result: Outcome,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn rpc_calls_total(
        &self,
        rpc: Rpc,
        peer: u64,
        result: Outcome,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn rpc_errors_total(
        &self,
        rpc: Rpc,
        peer: u64,
        error: RpcError,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn rpc_duration_seconds(
        &self,
        rpc: Rpc,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram>;
    fn rpc_received_total(
        &self,
        rpc: Rpc,
        result: Outcome,
    ) -> &::raft_metrics::__rt::IntCounter;
    fn replication_sent_entries_total(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn replication_received_entries_total(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn append_entries_size_bytes(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram>;
    fn append_entries_rejected_total(
        &self,
        topic: &str,
        partition: u32,
        reason: RejectReason,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn log_size_entries(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn log_size_bytes(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn log_last_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn log_compactions_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn cluster_voters(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn cluster_learners(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn quorum_size(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn config_changes_total(
        &self,
        topic: &str,
        partition: u32,
        change: ConfigChange,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn label_overflow_total(
        &self,
        label: OpenLabel,
    ) -> &::raft_metrics::__rt::IntCounter;
}
/// The metrics of one partition the adapters feed (see [`RaftMetricsApi`]).
pub trait PartitionMetricsApi: ::std::marker::Send + ::std::marker::Sync + ::std::fmt::Debug + 'static {
    fn node_state(&self, state: RaftState) -> &::raft_metrics::__rt::IntGauge;
    fn has_leader(&self) -> &::raft_metrics::__rt::IntGauge;
    fn leader_changes_seen_total(&self) -> &::raft_metrics::__rt::IntCounter;
    fn current_term(&self) -> &::raft_metrics::__rt::IntGauge;
    fn commit_index(&self) -> &::raft_metrics::__rt::IntGauge;
    fn last_applied_index(&self) -> &::raft_metrics::__rt::IntGauge;
    fn in_sync_replicas(&self) -> &::raft_metrics::__rt::IntGauge;
    fn follower_lag_entries(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge>;
    fn follower_lag_seconds(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge>;
    fn max_follower_lag_entries(&self) -> &::raft_metrics::__rt::IntGauge;
    fn last_heartbeat_timestamp_seconds(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge>;
    fn quorum_ack_age_seconds(&self) -> &::raft_metrics::__rt::Gauge;
    fn elections_total(&self, result: Outcome) -> &::raft_metrics::__rt::IntCounter;
    fn election_duration_seconds(&self) -> &::raft_metrics::__rt::Histogram;
    fn last_election_timestamp_seconds(&self) -> &::raft_metrics::__rt::Gauge;
    fn votes_received(&self) -> &::raft_metrics::__rt::IntGauge;
    fn commit_latency_seconds(&self) -> &::raft_metrics::__rt::Histogram;
    fn committed_entries_total(&self) -> &::raft_metrics::__rt::IntCounter;
    fn commit_batches_total(&self) -> &::raft_metrics::__rt::IntCounter;
    fn commit_batch_size_entries(&self) -> &::raft_metrics::__rt::Histogram;
    fn proposals_total(&self) -> &::raft_metrics::__rt::IntCounter;
    fn proposals_failed_total(
        &self,
        cause: ProposalFailure,
    ) -> &::raft_metrics::__rt::IntCounter;
    fn proposals_pending(&self) -> &::raft_metrics::__rt::IntGauge;
    fn snapshots_total(
        &self,
        trigger: SnapshotTrigger,
    ) -> &::raft_metrics::__rt::IntCounter;
    fn snapshot_size_bytes(&self) -> &::raft_metrics::__rt::IntGauge;
    fn snapshot_build_duration_seconds(&self) -> &::raft_metrics::__rt::Histogram;
    fn snapshot_install_duration_seconds(&self) -> &::raft_metrics::__rt::Histogram;
    fn snapshot_last_index(&self) -> &::raft_metrics::__rt::IntGauge;
    fn snapshot_transfers_total(
        &self,
        direction: Direction,
        result: Outcome,
    ) -> &::raft_metrics::__rt::IntCounter;
    fn replication_sent_entries_total(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn replication_received_entries_total(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter>;
    fn append_entries_size_bytes(&self) -> &::raft_metrics::__rt::Histogram;
    fn append_entries_rejected_total(
        &self,
        reason: RejectReason,
    ) -> &::raft_metrics::__rt::IntCounter;
    fn log_size_entries(&self) -> &::raft_metrics::__rt::IntGauge;
    fn log_size_bytes(&self) -> &::raft_metrics::__rt::IntGauge;
    fn log_last_index(&self) -> &::raft_metrics::__rt::IntGauge;
    fn log_compactions_total(&self) -> &::raft_metrics::__rt::IntCounter;
    fn cluster_voters(&self) -> &::raft_metrics::__rt::IntGauge;
    fn cluster_learners(&self) -> &::raft_metrics::__rt::IntGauge;
    fn quorum_size(&self) -> &::raft_metrics::__rt::IntGauge;
    fn config_changes_total(
        &self,
        change: ConfigChange,
    ) -> &::raft_metrics::__rt::IntCounter;
}
impl RaftMetricsApi for RaftMetrics {
    fn partition(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::std::sync::Arc<dyn PartitionMetricsApi> {
        ::std::sync::Arc::new(RaftMetrics::partition(self, topic, partition))
    }
    fn remove_partition(&self, topic: &str, partition: u32) {
        RaftMetrics::remove_partition(self, topic, partition)
    }
    #[inline]
    fn leader_partitions(&self) -> &::raft_metrics::__rt::IntGauge {
        RaftMetrics::leader_partitions(self)
    }
    #[inline]
    fn follower_partitions(&self) -> &::raft_metrics::__rt::IntGauge {
        RaftMetrics::follower_partitions(self)
    }
    #[inline]
    fn node_state(
        &self,
        topic: &str,
        partition: u32,
        state: RaftState,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::node_state(self, topic, partition, state)
    }
    #[inline]
    fn has_leader(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::has_leader(self, topic, partition)
    }
    #[inline]
    fn leader_changes_seen_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::leader_changes_seen_total(self, topic, partition)
    }
    #[inline]
    fn current_term(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::current_term(self, topic, partition)
    }
    #[inline]
    fn commit_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::commit_index(self, topic, partition)
    }
    #[inline]
    fn last_applied_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::last_applied_index(self, topic, partition)
    }
    #[inline]
    fn in_sync_replicas(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::in_sync_replicas(self, topic, partition)
    }
    #[inline]
    fn follower_lag_entries(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::follower_lag_entries(self, topic, partition, peer)
    }
    #[inline]
    fn follower_lag_seconds(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        RaftMetrics::follower_lag_seconds(self, topic, partition, peer)
    }
    #[inline]
    fn max_follower_lag_entries(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::max_follower_lag_entries(self, topic, partition)
    }
    #[inline]
    fn last_heartbeat_timestamp_seconds(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        RaftMetrics::last_heartbeat_timestamp_seconds(self, topic, partition, peer)
    }
    #[inline]
    fn quorum_ack_age_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        RaftMetrics::quorum_ack_age_seconds(self, topic, partition)
    }
    #[inline]
    fn elections_total(
        &self,
        topic: &str,
        partition: u32,
        result: Outcome,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::elections_total(self, topic, partition, result)
    }
    #[inline]
    fn election_duration_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        RaftMetrics::election_duration_seconds(self, topic, partition)
    }
    #[inline]
    fn last_election_timestamp_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        RaftMetrics::last_election_timestamp_seconds(self, topic, partition)
    }
    #[inline]
    fn votes_received(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::votes_received(self, topic, partition)
    }
    #[inline]
    fn commit_latency_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        RaftMetrics::commit_latency_seconds(self, topic, partition)
    }
    #[inline]
    fn committed_entries_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::committed_entries_total(self, topic, partition)
    }
    #[inline]
    fn commit_batches_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::commit_batches_total(self, topic, partition)
    }
    #[inline]
    fn commit_batch_size_entries(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        RaftMetrics::commit_batch_size_entries(self, topic, partition)
    }
    #[inline]
    fn proposals_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::proposals_total(self, topic, partition)
    }
    #[inline]
    fn proposals_failed_total(
        &self,
        topic: &str,
        partition: u32,
        cause: ProposalFailure,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::proposals_failed_total(self, topic, partition, cause)
    }
    #[inline]
    fn proposals_pending(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::proposals_pending(self, topic, partition)
    }
    #[inline]
    fn snapshots_total(
        &self,
        topic: &str,
        partition: u32,
        trigger: SnapshotTrigger,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::snapshots_total(self, topic, partition, trigger)
    }
    #[inline]
    fn snapshot_size_bytes(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::snapshot_size_bytes(self, topic, partition)
    }
    #[inline]
    fn snapshot_build_duration_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        RaftMetrics::snapshot_build_duration_seconds(self, topic, partition)
    }
    #[inline]
    fn snapshot_install_duration_seconds(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        RaftMetrics::snapshot_install_duration_seconds(self, topic, partition)
    }
    #[inline]
    fn snapshot_last_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::snapshot_last_index(self, topic, partition)
    }
    #[inline]
    fn snapshot_transfers_total(
        &self,
        topic: &str,
        partition: u32,
        direction: Direction,
        result: Outcome,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::snapshot_transfers_total(self, topic, partition, direction, result)
    }
    #[inline]
    fn rpc_calls_total(
        &self,
        rpc: Rpc,
        peer: u64,
        result: Outcome,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::rpc_calls_total(self, rpc, peer, result)
    }
    #[inline]
    fn rpc_errors_total(
        &self,
        rpc: Rpc,
        peer: u64,
        error: RpcError,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::rpc_errors_total(self, rpc, peer, error)
    }
    #[inline]
    fn rpc_duration_seconds(
        &self,
        rpc: Rpc,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        RaftMetrics::rpc_duration_seconds(self, rpc, peer)
    }
    #[inline]
    fn rpc_received_total(
        &self,
        rpc: Rpc,
        result: Outcome,
    ) -> &::raft_metrics::__rt::IntCounter {
        RaftMetrics::rpc_received_total(self, rpc, result)
    }
    #[inline]
    fn replication_sent_entries_total(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::replication_sent_entries_total(self, topic, partition, peer)
    }
    #[inline]
    fn replication_received_entries_total(
        &self,
        topic: &str,
        partition: u32,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::replication_received_entries_total(self, topic, partition, peer)
    }
    #[inline]
    fn append_entries_size_bytes(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Histogram> {
        RaftMetrics::append_entries_size_bytes(self, topic, partition)
    }
    #[inline]
    fn append_entries_rejected_total(
        &self,
        topic: &str,
        partition: u32,
        reason: RejectReason,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::append_entries_rejected_total(self, topic, partition, reason)
    }
    #[inline]
    fn log_size_entries(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::log_size_entries(self, topic, partition)
    }
    #[inline]
    fn log_size_bytes(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::log_size_bytes(self, topic, partition)
    }
    #[inline]
    fn log_last_index(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::log_last_index(self, topic, partition)
    }
    #[inline]
    fn log_compactions_total(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::log_compactions_total(self, topic, partition)
    }
    #[inline]
    fn cluster_voters(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::cluster_voters(self, topic, partition)
    }
    #[inline]
    fn cluster_learners(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::cluster_learners(self, topic, partition)
    }
    #[inline]
    fn quorum_size(
        &self,
        topic: &str,
        partition: u32,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        RaftMetrics::quorum_size(self, topic, partition)
    }
    #[inline]
    fn config_changes_total(
        &self,
        topic: &str,
        partition: u32,
        change: ConfigChange,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        RaftMetrics::config_changes_total(self, topic, partition, change)
    }
    #[inline]
    fn label_overflow_total(
        &self,
        label: OpenLabel,
    ) -> &::raft_metrics::__rt::IntCounter {
        RaftMetrics::label_overflow_total(self, label)
    }
}
impl PartitionMetricsApi for PartitionMetrics {
    #[inline]
    fn node_state(&self, state: RaftState) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::node_state(self, state)
    }
    #[inline]
    fn has_leader(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::has_leader(self)
    }
    #[inline]
    fn leader_changes_seen_total(&self) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::leader_changes_seen_total(self)
    }
    #[inline]
    fn current_term(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::current_term(self)
    }
    #[inline]
    fn commit_index(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::commit_index(self)
    }
    #[inline]
    fn last_applied_index(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::last_applied_index(self)
    }
    #[inline]
    fn in_sync_replicas(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::in_sync_replicas(self)
    }
    #[inline]
    fn follower_lag_entries(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntGauge> {
        PartitionMetrics::follower_lag_entries(self, peer)
    }
    #[inline]
    fn follower_lag_seconds(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        PartitionMetrics::follower_lag_seconds(self, peer)
    }
    #[inline]
    fn max_follower_lag_entries(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::max_follower_lag_entries(self)
    }
    #[inline]
    fn last_heartbeat_timestamp_seconds(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::Gauge> {
        PartitionMetrics::last_heartbeat_timestamp_seconds(self, peer)
    }
    #[inline]
    fn quorum_ack_age_seconds(&self) -> &::raft_metrics::__rt::Gauge {
        PartitionMetrics::quorum_ack_age_seconds(self)
    }
    #[inline]
    fn elections_total(&self, result: Outcome) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::elections_total(self, result)
    }
    #[inline]
    fn election_duration_seconds(&self) -> &::raft_metrics::__rt::Histogram {
        PartitionMetrics::election_duration_seconds(self)
    }
    #[inline]
    fn last_election_timestamp_seconds(&self) -> &::raft_metrics::__rt::Gauge {
        PartitionMetrics::last_election_timestamp_seconds(self)
    }
    #[inline]
    fn votes_received(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::votes_received(self)
    }
    #[inline]
    fn commit_latency_seconds(&self) -> &::raft_metrics::__rt::Histogram {
        PartitionMetrics::commit_latency_seconds(self)
    }
    #[inline]
    fn committed_entries_total(&self) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::committed_entries_total(self)
    }
    #[inline]
    fn commit_batches_total(&self) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::commit_batches_total(self)
    }
    #[inline]
    fn commit_batch_size_entries(&self) -> &::raft_metrics::__rt::Histogram {
        PartitionMetrics::commit_batch_size_entries(self)
    }
    #[inline]
    fn proposals_total(&self) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::proposals_total(self)
    }
    #[inline]
    fn proposals_failed_total(
        &self,
        cause: ProposalFailure,
    ) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::proposals_failed_total(self, cause)
    }
    #[inline]
    fn proposals_pending(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::proposals_pending(self)
    }
    #[inline]
    fn snapshots_total(
        &self,
        trigger: SnapshotTrigger,
    ) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::snapshots_total(self, trigger)
    }
    #[inline]
    fn snapshot_size_bytes(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::snapshot_size_bytes(self)
    }
    #[inline]
    fn snapshot_build_duration_seconds(&self) -> &::raft_metrics::__rt::Histogram {
        PartitionMetrics::snapshot_build_duration_seconds(self)
    }
    #[inline]
    fn snapshot_install_duration_seconds(&self) -> &::raft_metrics::__rt::Histogram {
        PartitionMetrics::snapshot_install_duration_seconds(self)
    }
    #[inline]
    fn snapshot_last_index(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::snapshot_last_index(self)
    }
    #[inline]
    fn snapshot_transfers_total(
        &self,
        direction: Direction,
        result: Outcome,
    ) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::snapshot_transfers_total(self, direction, result)
    }
    #[inline]
    fn replication_sent_entries_total(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        PartitionMetrics::replication_sent_entries_total(self, peer)
    }
    #[inline]
    fn replication_received_entries_total(
        &self,
        peer: u64,
    ) -> ::raft_metrics::__rt::Series<::raft_metrics::__rt::IntCounter> {
        PartitionMetrics::replication_received_entries_total(self, peer)
    }
    #[inline]
    fn append_entries_size_bytes(&self) -> &::raft_metrics::__rt::Histogram {
        PartitionMetrics::append_entries_size_bytes(self)
    }
    #[inline]
    fn append_entries_rejected_total(
        &self,
        reason: RejectReason,
    ) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::append_entries_rejected_total(self, reason)
    }
    #[inline]
    fn log_size_entries(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::log_size_entries(self)
    }
    #[inline]
    fn log_size_bytes(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::log_size_bytes(self)
    }
    #[inline]
    fn log_last_index(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::log_last_index(self)
    }
    #[inline]
    fn log_compactions_total(&self) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::log_compactions_total(self)
    }
    #[inline]
    fn cluster_voters(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::cluster_voters(self)
    }
    #[inline]
    fn cluster_learners(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::cluster_learners(self)
    }
    #[inline]
    fn quorum_size(&self) -> &::raft_metrics::__rt::IntGauge {
        PartitionMetrics::quorum_size(self)
    }
    #[inline]
    fn config_changes_total(
        &self,
        change: ConfigChange,
    ) -> &::raft_metrics::__rt::IntCounter {
        PartitionMetrics::config_changes_total(self, change)
    }
}
