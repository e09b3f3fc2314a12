//! Bad input through the protocol, written byte by byte: each gets an error
//! response or is ignored, and the server goes on answering.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = super::support::command()
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line == "\r\n" {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            stdout.read_exact(&mut body).unwrap();
            if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id)
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message matching `want`, skipping others.
    fn wait(&self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(30))
                .expect("the server answers");
            if want(&message) {
                return message;
            }
        }
    }

    fn initialize(&mut self) {
        let answer = self.request(1, "initialize", json!({"capabilities": {}}));
        assert!(answer["result"]["capabilities"].is_object(), "{answer}");
        self.notify("initialized", json!({}));
    }

    /// Shuts down and exits; the exit code must be 0.
    fn finish(mut self) {
        let answer = self.request(999, "shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

fn uri(path: &std::path::Path) -> String {
    stancemap::lsp::path_to_uri(path)
        .unwrap()
        .as_str()
        .to_string()
}

#[test]
fn malformed_json_rpc_gets_error_responses_and_the_server_goes_on() {
    let mut server = Server::start();
    // A request before initialize.
    let early = server.request(5, "textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    server.initialize();
    server.raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = server.wait(|m| m.get("error").is_some());
    assert_eq!(
        (error["id"].clone(), error["error"]["code"].clone()),
        (Value::Null, json!(-32700))
    );
    server.raw(b"no header here\r\n\r\n");
    let error = server.wait(|m| m.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700, "{error}");
    server.send(json!({"jsonrpc": "2.0", "id": 7, "method": 12}));
    let error = server.wait(|m| m.get("error").is_some());
    assert_eq!(
        (error["id"].clone(), error["error"]["code"].clone()),
        (json!(7), json!(-32600))
    );
    // Params of the wrong shape.
    let answer = server.request(8, "textDocument/definition", json!({"textDocument": 3}));
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    server.finish();
}

#[test]
fn unknown_methods_get_method_not_found_and_unknown_notifications_are_ignored() {
    let mut server = Server::start();
    server.initialize();
    server.notify("$/noSuchNotification", json!({"x": 1}));
    let answer = server.request(2, "workspace/noSuchMethod", json!({}));
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    server.finish();
}

#[test]
fn files_outside_a_record_are_ignored() {
    let mut server = Server::start();
    server.initialize();
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "actor: nobody\n").unwrap();
    for (u, text) in [
        (uri(&notes), "actor: nobody\n"),
        ("untitled:Untitled-1".to_string(), "actors: [\n"),
        ("file:///no/such/dir/a.yaml".to_string(), "actors: [\n"),
    ] {
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 1, "text": text}}),
        );
        let answer = server.request(
            3,
            "textDocument/definition",
            json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 8}}),
        );
        assert_eq!(answer["result"], Value::Null, "{answer}");
    }
    // Nothing was published for any of them.
    assert!(server
        .messages
        .try_iter()
        .all(|m| m["method"] != "textDocument/publishDiagnostics"));
    server.finish();
}

#[test]
fn a_50_mb_buffer_is_refused_with_a_diagnostic_and_the_server_goes_on() {
    let mut server = Server::start();
    server.initialize();
    let dir = super::record();
    let big = dir.path().join("big.yaml");
    let mut text = String::from("positions:\n");
    while text.len() < 50_000_000 {
        text.push_str("  - {actor: russia, issue: nato-membership, stance: oppose}\n");
    }
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&big), "languageId": "yaml", "version": 1, "text": text}}),
    );
    let published = server.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri(&big)
    });
    let codes: Vec<&Value> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(codes, [&json!("limit-exceeded")], "{published}");
    let answer = server.request(
        4,
        "textDocument/hover",
        json!({
            "textDocument": {"uri": uri(&dir.path().join("positions.yaml"))},
            "position": {"line": 0, "character": 0}
        }),
    );
    assert!(answer.get("result").is_some(), "{answer}");
    server.finish();
}
