//! The nodes' network, in process: one mailbox per node; a stopped node neither sends nor
//! receives, as over a real network.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use raft::prelude::Message;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

/// A message to one partition's replica on a node.
pub type Envelope = ((String, i32), Message);

#[derive(Clone)]
pub struct Network {
    mailboxes: Arc<HashMap<u64, UnboundedSender<Envelope>>>,
    down: Arc<RwLock<HashSet<u64>>>,
}

/// The message was not delivered.
#[derive(Debug)]
pub struct Unreachable;

impl Network {
    /// A network of `nodes` (ids 1..=nodes) and each node's inbox.
    pub fn new(nodes: u64) -> (Network, HashMap<u64, UnboundedReceiver<Envelope>>) {
        let (mut senders, mut inboxes) = (HashMap::new(), HashMap::new());
        for id in 1..=nodes {
            let (tx, rx) = unbounded_channel();
            senders.insert(id, tx);
            inboxes.insert(id, rx);
        }
        let net = Network {
            mailboxes: Arc::new(senders),
            down: Arc::default(),
        };
        (net, inboxes)
    }

    pub fn set_down(&self, node: u64, down: bool) {
        let mut d = self.down.write().unwrap_or_else(|e| e.into_inner());
        if down {
            d.insert(node);
        } else {
            d.remove(&node);
        }
    }

    pub fn is_down(&self, node: u64) -> bool {
        let d = self.down.read().unwrap_or_else(|e| e.into_inner());
        d.contains(&node)
    }

    pub async fn deliver(&self, key: (String, i32), msg: Message) -> Result<(), Unreachable> {
        if self.is_down(msg.from) || self.is_down(msg.to) {
            return Err(Unreachable);
        }
        let mailbox = self.mailboxes.get(&msg.to).ok_or(Unreachable)?;
        mailbox.send((key, msg)).map_err(|_| Unreachable)
    }
}
