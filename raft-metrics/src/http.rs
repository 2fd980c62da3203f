//! Serving `/metrics` (detailed) and `/metrics/summary` over HTTP (feature `http`, on axum).
//!
//! ```no_run
//! use raft_metrics::http::Endpoint;
//! use raft_metrics::RaftMetrics;
//!
//! let metrics = RaftMetrics::new(1);
//! // One call: its own thread, until the returned server is dropped.
//! let server = Endpoint::new(metrics.clone()).serve("127.0.0.1:9100".parse().unwrap())?;
//! println!("http://{}/metrics", server.local_addr());
//! // Or mount the two routes into your own axum router:
//! let app: axum::Router = Endpoint::new(metrics).router();
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! The body is encoded off the async workers; it is gzipped when the scraper asks (Prometheus
//! always does), and at most `max_in_flight` scrapes run at once: past that the answer is
//! 503, as Prometheus' Go client does. Your own families (a `prometheus` registry of any
//! version) join the same body with [`Endpoint::also`].

use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use flate2::write::GzEncoder;
use flate2::Compression;
use tokio::sync::{oneshot, Semaphore};

use crate::__rt::{Encode, Level};

/// The text format's content type.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

type Source = Arc<dyn Fn(Level, &mut Vec<u8>) + Send + Sync>;

/// What the two paths serve, and how.
#[derive(Clone)]
pub struct Endpoint {
    sources: Vec<Source>,
    gzip: bool,
    max_in_flight: usize,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("sources", &self.sources.len())
            .field("gzip", &self.gzip)
            .field("max_in_flight", &self.max_in_flight)
            .finish()
    }
}

impl Endpoint {
    /// Serves `metrics` (a `RaftMetrics`, or the type of any schema); gzip on, 4 scrapes at once.
    pub fn new(metrics: impl Encode) -> Self {
        let m = Arc::new(metrics);
        Endpoint {
            sources: vec![Arc::new(move |level, out: &mut Vec<u8>| {
                m.encode_level(level, out)
            })],
            gzip: true,
            max_in_flight: 4,
        }
    }

    /// Appends another source's text to every scrape of both levels: for example your own
    /// `prometheus::Registry` (any version), `TextEncoder::new().encode(&r.gather(), out)`.
    /// Its family names must differ from the schema's.
    pub fn also(mut self, source: impl Fn(Level, &mut Vec<u8>) + Send + Sync + 'static) -> Self {
        self.sources.push(Arc::new(source));
        self
    }

    /// Whether to gzip when the scraper asks (default: yes).
    pub fn gzip(mut self, on: bool) -> Self {
        self.gzip = on;
        self
    }

    /// At most this many scrapes encode at once (at least 1); more get 503.
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.max_in_flight = n.max(1);
        self
    }

    /// `GET /metrics` and `GET /metrics/summary`, to merge into your own router.
    pub fn router(self) -> axum::Router {
        let shared = Arc::new(Shared {
            in_flight: Arc::new(Semaphore::new(self.max_in_flight)),
            sizes: [AtomicUsize::new(0), AtomicUsize::new(0)],
            endpoint: self,
        });
        let at = |level: Level| {
            let s = shared.clone();
            move |headers: HeaderMap| scrape(s.clone(), level, headers)
        };
        axum::Router::new()
            .route("/metrics", get(at(Level::Detailed)))
            .route("/metrics/summary", get(at(Level::Summary)))
    }

    /// Binds `addr` now (errors come back here) and serves from a thread of its own until the
    /// returned [`Server`] is dropped, so scrapes never run on your runtime's workers.
    pub fn serve(self, addr: SocketAddr) -> std::io::Result<Server> {
        let listener = TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let local = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        // Registered with the runtime here, so a failure is the caller's error.
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let app = self.router();
        let thread = std::thread::Builder::new()
            .name(format!("raft-metrics-http-{}", local.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::select! {
                        _ = axum::serve(listener, app) => {}
                        _ = stopped => {}
                    }
                });
                // Open connections and encodes in progress go with the runtime, as they would
                // with the process.
                runtime.shutdown_background();
            })?;
        Ok(Server {
            addr: local,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// A running endpoint; dropping it closes the port and every open connection.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// The bound address (the port chosen by the system when `addr` said 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Shared {
    endpoint: Endpoint,
    in_flight: Arc<Semaphore>,
    /// The last body's size per level, to allocate the next one at once.
    sizes: [AtomicUsize; 2],
}

async fn scrape(s: Arc<Shared>, level: Level, headers: HeaderMap) -> Response {
    let Ok(permit) = s.in_flight.clone().try_acquire_owned() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "too many scrapes at once\n",
        )
            .into_response();
    };
    let gzip = s.endpoint.gzip && accepts_gzip(&headers);
    let body = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let body = s.encode(level);
        if gzip {
            compress(&body)
        } else {
            Ok(body)
        }
    })
    .await;
    let body = match body {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if gzip {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    resp
}

impl Shared {
    fn encode(&self, level: Level) -> Vec<u8> {
        let size = &self.sizes[level as usize];
        let mut out = Vec::with_capacity(size.load(Ordering::Relaxed));
        for source in &self.endpoint.sources {
            source(level, &mut out);
        }
        size.store(out.len(), Ordering::Relaxed);
        out
    }
}

/// Level 1: most of gzip's saving on this text at a fraction of its default level's time.
fn compress(body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut gz = GzEncoder::new(Vec::with_capacity(body.len() / 8), Compression::fast());
    gz.write_all(body)?;
    gz.finish()
}

/// Whether `Accept-Encoding` lists gzip (or `*`) without `q=0`.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    == Some(0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(v: &str) -> bool {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
        accepts_gzip(&h)
    }

    #[test]
    fn accept_encoding_is_read_as_http_says() {
        assert!(accept("gzip"));
        assert!(accept("deflate, GZIP;q=0.5"));
        assert!(accept("*"));
        assert!(!accept("gzip;q=0"));
        assert!(!accept("identity"));
        assert!(!accept("x-gzip-not"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
