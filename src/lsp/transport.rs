//! JSON-RPC framing over stdio, tolerant of a broken client.
//!
//! lsp-server's own stdio transport ends its reader thread at the first
//! malformed message, which would end the server. Here a bad header, a body that
//! is not JSON or not a message, or one past the size limit becomes an
//! [`Incoming::Invalid`] that the server answers with a JSON-RPC error, and
//! reading goes on with the next message. A body past the limit is skipped
//! without being held in memory.

use lsp_server::Message;
use serde_json::Value;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::mpsc::{self, Receiver};

/// Longest header line read; a longer one is not a header.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// What the reader hands the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A message that could not be read: answer with this error (id `null` when
    /// the message's own id could not be read).
    Invalid {
        id: Value,
        code: i32,
        message: String,
    },
}

/// Reads messages from `input` on a thread of its own until it ends.
pub fn spawn_reader(
    input: impl Read + Send + 'static,
    max_message_bytes: usize,
) -> Receiver<Incoming> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut input = BufReader::new(input);
        loop {
            match read_one(&mut input, max_message_bytes) {
                Ok(Some(incoming)) => {
                    if sender.send(incoming).is_err() {
                        return;
                    }
                }
                Ok(None) | Err(_) => return,
            }
        }
    });
    receiver
}

/// One message, or `None` at the end of the input.
fn read_one(input: &mut impl BufRead, max: usize) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut bad_header = None;
    let mut seen_header = false;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if seen_header {
                break;
            }
            continue; // stray blank lines between messages
        }
        seen_header = true;
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length header: {line:?}")),
                }
            }
            Some(_) => {} // Content-Type and others
            None => bad_header = Some(format!("malformed header line: {:.80?}", line)),
        }
    }
    let Some(length) = length else {
        return Ok(Some(parse_error(bad_header.unwrap_or_else(|| {
            "message without a Content-Length header".into()
        }))));
    };
    if length > max {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Some(Incoming::Invalid {
            id: Value::Null,
            code: lsp_server::ErrorCode::InvalidRequest as i32,
            message: format!("message of {length} bytes is past the server's limit of {max} bytes"),
        }));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(e) => return Ok(Some(parse_error(format!("the message is not JSON: {e}")))),
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    Ok(Some(match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Invalid {
            id,
            code: lsp_server::ErrorCode::InvalidRequest as i32,
            message: format!("not a JSON-RPC request, response or notification: {e}"),
        },
    }))
}

fn parse_error(message: String) -> Incoming {
    Incoming::Invalid {
        id: Value::Null,
        code: lsp_server::ErrorCode::ParseError as i32,
        message,
    }
}

/// Writes framed messages; the server's only writer.
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        Writer { out }
    }

    pub fn send(&mut self, message: Message) -> io::Result<()> {
        message.write(&mut self.out)
    }

    /// An error response whose id may be `null` (which lsp-server cannot express).
    pub fn send_error(&mut self, id: Value, code: i32, message: &str) -> io::Result<()> {
        let body = serde_json::json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code, "message": message },
        })
        .to_string();
        write!(self.out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str) -> Vec<Incoming> {
        let mut reader = BufReader::new(input.as_bytes());
        std::iter::from_fn(|| read_one(&mut reader, 100).unwrap()).collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_messages_are_errors_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":5}"#),
            "garbage line\r\n\r\n".to_string(),
            frame(&format!("{:>200}", "{}")),
            frame(good),
        ]
        .concat();
        let read = read_all(&input);
        let codes: Vec<(i32, Value)> = read
            .iter()
            .filter_map(|i| match i {
                Incoming::Invalid { id, code, .. } => Some((*code, id.clone())),
                Incoming::Message(_) => None,
            })
            .collect();
        assert_eq!(
            codes,
            [
                (-32700, Value::Null),
                (-32600, Value::from(7)),
                (-32700, Value::Null),
                (-32600, Value::Null)
            ]
        );
        assert!(
            matches!(read.last(), Some(Incoming::Message(Message::Request(r))) if r.method == "shutdown")
        );
    }
}
