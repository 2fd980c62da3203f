//! The `http` feature on a real socket: both levels, gzip when asked (and not when turned off),
//! extra sources, 404s, and the bound on concurrent scrapes.

use std::io::Read;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use raft_metrics::http::Endpoint;
use raft_metrics::{Level, RaftMetrics};

fn metrics() -> RaftMetrics {
    let m = RaftMetrics::new(1);
    m.partition("orders", 3)
        .commit_latency_seconds()
        .observe(0.01);
    m
}

fn get(url: &str, gzip: bool) -> ureq::http::Response<ureq::Body> {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let req = agent.get(url);
    let req = if gzip {
        req.header("Accept-Encoding", "gzip")
    } else {
        req.header("Accept-Encoding", "identity")
    };
    req.call().expect("the server answers")
}

fn body(r: ureq::http::Response<ureq::Body>) -> Vec<u8> {
    let mut out = Vec::new();
    r.into_body().into_reader().read_to_end(&mut out).unwrap();
    out
}

#[test]
fn both_levels_plain_and_gzipped() {
    let m = metrics();
    let server = Endpoint::new(m.clone())
        .serve("127.0.0.1:0".parse().unwrap())
        .unwrap();
    let base = format!("http://{}", server.local_addr());
    for (path, level) in [
        ("/metrics", Level::Detailed),
        ("/metrics/summary", Level::Summary),
    ] {
        let want = m.exposition(level).into_bytes();
        let plain = get(&format!("{base}{path}"), false);
        assert_eq!(plain.status(), 200);
        assert_eq!(
            plain.headers()["content-type"],
            "text/plain; version=0.0.4; charset=utf-8"
        );
        assert!(plain.headers().get("content-encoding").is_none());
        assert_eq!(plain.body().content_length(), Some(want.len() as u64));
        assert_eq!(body(plain), want, "{path}");
        // ureq decodes gzip itself: a gzipped answer is one whose length it cannot know.
        let zipped = get(&format!("{base}{path}"), true);
        assert_eq!(zipped.body().content_length(), None, "{path} gzipped");
        assert_eq!(body(zipped), want, "{path} gzipped");
    }
    assert_eq!(get(&format!("{base}/nope"), false).status(), 404);
}

#[test]
fn gzip_off_and_extra_sources() {
    let m = metrics();
    let server = Endpoint::new(m.clone())
        .gzip(false)
        .also(|level, out| {
            if level == Level::Detailed {
                out.extend_from_slice(b"team_up 1\n");
            }
        })
        .serve("127.0.0.1:0".parse().unwrap())
        .unwrap();
    let base = format!("http://{}", server.local_addr());
    let r = get(&format!("{base}/metrics"), true);
    assert!(r.body().content_length().is_some(), "not gzipped");
    let text = String::from_utf8(body(r)).unwrap();
    assert!(text.starts_with(&m.exposition(Level::Detailed)));
    assert!(text.ends_with("team_up 1\n"));
    let summary = String::from_utf8(body(get(&format!("{base}/metrics/summary"), true))).unwrap();
    assert!(!summary.contains("team_up"));
}

#[test]
fn scrapes_past_the_bound_get_503_and_a_dropped_server_closes_its_port() {
    let (entered_tx, entered) = mpsc::channel::<()>();
    let (release, released) = mpsc::channel::<()>();
    let (entered_tx, released) = (Mutex::new(entered_tx), Arc::new(Mutex::new(released)));
    let server = Endpoint::new(metrics())
        .max_in_flight(1)
        .also(move |level, _| {
            if level == Level::Summary {
                // The first scrape holds its place until the test lets it go.
                let _ = entered_tx.lock().unwrap().send(());
                let _ = released.lock().unwrap().recv();
            }
        })
        .serve("127.0.0.1:0".parse().unwrap())
        .unwrap();
    let base = format!("http://{}", server.local_addr());
    let first = {
        let url = format!("{base}/metrics/summary");
        std::thread::spawn(move || get(&url, false).status())
    };
    entered.recv().unwrap();
    assert_eq!(get(&format!("{base}/metrics"), false).status(), 503);
    release.send(()).unwrap();
    assert_eq!(first.join().unwrap(), 200);
    assert_eq!(get(&format!("{base}/metrics"), false).status(), 200);
    let addr = server.local_addr();
    drop(server);
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "the port is closed"
    );
}
