//! What a raft-rs message is, for the RPC metrics.

use raft::eraftpb::MessageType;
use raft_metrics::Rpc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A request to a peer, answered by a [`Kind::Response`] of the same RPC.
    Request(Rpc),
    Response(Rpc),
    /// Never leaves the node (MsgHup, MsgBeat, ...).
    Local,
}

#[inline]
pub(crate) fn kind(t: MessageType) -> Kind {
    use MessageType::*;
    match t {
        // A heartbeat is an AppendEntries without entries, as in the Raft paper.
        MsgAppend | MsgHeartbeat => Kind::Request(Rpc::AppendEntries),
        MsgAppendResponse | MsgHeartbeatResponse => Kind::Response(Rpc::AppendEntries),
        MsgRequestVote | MsgRequestPreVote => Kind::Request(Rpc::RequestVote),
        MsgRequestVoteResponse | MsgRequestPreVoteResponse => Kind::Response(Rpc::RequestVote),
        // A snapshot is answered by an append response; its outcome comes from
        // `report_snapshot`.
        MsgSnapshot => Kind::Request(Rpc::InstallSnapshot),
        MsgPropose | MsgReadIndex | MsgTransferLeader | MsgTimeoutNow => Kind::Request(Rpc::Other),
        MsgReadIndexResp => Kind::Response(Rpc::Other),
        MsgHup | MsgBeat | MsgUnreachable | MsgSnapStatus | MsgCheckQuorum => Kind::Local,
    }
}

/// The request a response answers, for round trips.
#[inline]
pub(crate) fn request_of(t: MessageType) -> Option<MessageType> {
    use MessageType::*;
    Some(match t {
        MsgAppendResponse => MsgAppend,
        MsgHeartbeatResponse => MsgHeartbeat,
        MsgRequestVoteResponse => MsgRequestVote,
        MsgRequestPreVoteResponse => MsgRequestPreVote,
        MsgReadIndexResp => MsgReadIndex,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_response_answers_a_request_of_its_rpc() {
        use MessageType::*;
        for t in [
            MsgAppendResponse,
            MsgHeartbeatResponse,
            MsgRequestVoteResponse,
            MsgRequestPreVoteResponse,
            MsgReadIndexResp,
        ] {
            let Kind::Response(rpc) = kind(t) else {
                panic!("{t:?} is a response")
            };
            let req = request_of(t).expect("answers a request");
            assert_eq!(kind(req), Kind::Request(rpc), "{t:?}");
        }
        assert_eq!(kind(MsgHup), Kind::Local);
        assert_eq!(request_of(MsgAppend), None);
    }
}
