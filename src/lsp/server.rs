//! The server loop: messages in, checks after a pause in typing, answers out.
//!
//! One thread does the work, so every answer sees the record as last checked.
//! Edits mark their record dirty; it is checked when the client has been quiet
//! for the debounce time (or at the latest `MAX_DELAY` after the first edit), and
//! at once before any request that reads it, so an answer never uses ranges of
//! an older text. Every handler's panic is caught and answered as an internal
//! error: a bug in one feature must not take the editor's checking down.

use super::actions::code_actions;
use super::analysis::Workspace;
use super::completion::complete;
use super::navigation::{
    check_rename, hover_id, hover_source, site_at, sites_of, source_at, RenameRefused,
};
use super::text::{apply_change, path_to_uri, uri_to_path, Encoding, LineIndex};
use super::transport::{spawn_reader, Incoming, Writer};
use crate::load::Limits;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::*;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long a record may wait for its check while edits keep coming.
const MAX_DELAY: Duration = Duration::from_millis(250);

/// Largest message read; a bigger one is skipped with an error response.
const MAX_MESSAGE_BYTES: usize = 256 << 20;

/// What the command line sets.
#[derive(Clone, Debug)]
pub struct Options {
    pub limits: Limits,
    /// The directory of cited documents, to check quotes as `check --sources` does.
    pub sources: Option<PathBuf>,
    /// Quiet time after an edit before the record is checked.
    pub debounce: Duration,
}

/// Serves the protocol on stdin and stdout until `exit`; `Ok(true)` when the
/// client asked for `shutdown` first, as the protocol wants for a clean exit.
pub fn run(options: Options) -> io::Result<bool> {
    let incoming = spawn_reader(io::stdin(), MAX_MESSAGE_BYTES);
    let stdout = io::stdout();
    let mut server = Server::new(Writer::new(stdout.lock()), options);
    server.serve(&incoming)
}

type Answer = Result<Value, (ErrorCode, String)>;

struct Document {
    text: String,
}

struct Server<W: Write> {
    writer: Writer<W>,
    options: Options,
    encoding: Encoding,
    schema: Value,
    documents: HashMap<PathBuf, Document>,
    workspaces: HashMap<PathBuf, Workspace>,
    /// Records waiting for a check: (first edit, last edit) since the last check.
    pending: BTreeMap<PathBuf, (Instant, Instant)>,
    initialized: bool,
    shutdown: bool,
}

impl<W: Write> Server<W> {
    fn new(writer: Writer<W>, options: Options) -> Self {
        Server {
            writer,
            options,
            encoding: Encoding::Utf16,
            schema: serde_json::from_str(&crate::schema::schema_json())
                .expect("the schema is JSON"),
            documents: HashMap::new(),
            workspaces: HashMap::new(),
            pending: BTreeMap::new(),
            initialized: false,
            shutdown: false,
        }
    }

    fn serve(&mut self, incoming: &Receiver<Incoming>) -> io::Result<bool> {
        loop {
            let next = match self.deadline() {
                Some(deadline) => {
                    match incoming.recv_timeout(deadline.saturating_duration_since(Instant::now()))
                    {
                        Ok(next) => next,
                        Err(RecvTimeoutError::Timeout) => {
                            self.check_due(false)?;
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return Ok(false),
                    }
                }
                None => match incoming.recv() {
                    Ok(next) => next,
                    Err(_) => return Ok(false),
                },
            };
            match next {
                Incoming::Invalid { id, code, message } => {
                    self.writer.send_error(id, code, &message)?
                }
                Incoming::Message(Message::Request(request)) => self.request(request)?,
                Incoming::Message(Message::Notification(n)) if n.method == "exit" => {
                    return Ok(self.shutdown)
                }
                Incoming::Message(Message::Notification(n)) => {
                    let method = n.method.clone();
                    if catch_unwind(AssertUnwindSafe(|| self.notification(n))).is_err() {
                        eprintln!("stancemap lsp: internal error handling {method}");
                    }
                }
                Incoming::Message(Message::Response(_)) => {}
            }
        }
    }

    /// When the next pending record is due for its check.
    fn deadline(&self) -> Option<Instant> {
        self.pending
            .values()
            .map(|(first, last)| (*last + self.options.debounce).min(*first + MAX_DELAY))
            .min()
    }

    /// Checks the records that are due (all pending ones with `all`) and publishes.
    fn check_due(&mut self, all: bool) -> io::Result<()> {
        let now = Instant::now();
        let debounce = self.options.debounce;
        let due: Vec<PathBuf> = self
            .pending
            .iter()
            .filter(|(_, (first, last))| {
                all || *last + debounce <= now || *first + MAX_DELAY <= now
            })
            .map(|(dir, _)| dir.clone())
            .collect();
        for dir in due {
            self.pending.remove(&dir);
            self.check(&dir)?;
        }
        Ok(())
    }

    /// Checks one record and publishes what changed.
    fn check(&mut self, dir: &Path) -> io::Result<()> {
        let overrides: HashMap<PathBuf, String> = self
            .documents
            .iter()
            .filter(|(path, _)| path.parent() == Some(dir))
            .map(|(path, doc)| (path.clone(), doc.text.clone()))
            .collect();
        let mut open: Vec<PathBuf> = overrides.keys().cloned().collect();
        open.sort();
        let Some(workspace) = self.workspaces.get_mut(dir) else {
            return Ok(());
        };
        let checked = catch_unwind(AssertUnwindSafe(|| {
            workspace.check(
                &overrides,
                &self.options.limits,
                self.options.sources.as_deref(),
            )
        }));
        match checked {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                eprintln!("stancemap lsp: {e}");
                return Ok(());
            }
            Err(_) => {
                eprintln!("stancemap lsp: internal error checking {}", dir.display());
                return Ok(());
            }
        }
        for (uri, diagnostics) in workspace.diagnostics_to_publish(self.encoding, &open) {
            let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
            self.writer.send(Message::Notification(Notification::new(
                "textDocument/publishDiagnostics".into(),
                params,
            )))?;
        }
        Ok(())
    }

    fn request(&mut self, request: Request) -> io::Result<()> {
        let id = request.id.clone();
        let method = request.method.clone();
        let answer = if method == "initialize" {
            self.initialize(request.params)
        } else if !self.initialized {
            Err((ErrorCode::ServerNotInitialized, "initialize first".into()))
        } else if self.shutdown {
            Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            ))
        } else if method == "shutdown" {
            self.shutdown = true;
            Ok(Value::Null)
        } else {
            // Answers read the record as it is now.
            self.check_due(true)?;
            catch_unwind(AssertUnwindSafe(|| self.answer(&method, request.params))).unwrap_or_else(
                |_| {
                    Err((
                        ErrorCode::InternalError,
                        format!("internal error in {method}"),
                    ))
                },
            )
        };
        self.respond(id, answer)
    }

    fn respond(&mut self, id: RequestId, answer: Answer) -> io::Result<()> {
        let response = match answer {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.writer.send(Message::Response(response))
    }

    fn initialize(&mut self, params: Value) -> Answer {
        if self.initialized {
            return Err((ErrorCode::InvalidRequest, "already initialized".into()));
        }
        let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
        let utf8 = params
            .capabilities
            .general
            .and_then(|g| g.position_encodings)
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        self.encoding = if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.initialized = true;
        let result = InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(if utf8 {
                    PositionEncodingKind::UTF8
                } else {
                    PositionEncodingKind::UTF16
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some([":", " ", "[", ",", "-"].map(String::from).to_vec()),
                    ..CompletionOptions::default()
                }),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "stancemap".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        Ok(serde_json::to_value(result).expect("serialises"))
    }

    fn answer(&mut self, method: &str, params: Value) -> Answer {
        fn parse<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(params)
                .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
        }
        let value = match method {
            "textDocument/completion" => {
                let p: CompletionParams = parse(params)?;
                to_value(self.completion(&p.text_document_position))
            }
            "textDocument/definition" => {
                let p: GotoDefinitionParams = parse(params)?;
                to_value(self.locations(&p.text_document_position_params, true, false))
            }
            "textDocument/references" => {
                let p: ReferenceParams = parse(params)?;
                to_value(self.locations(
                    &p.text_document_position,
                    false,
                    p.context.include_declaration,
                ))
            }
            "textDocument/prepareRename" => {
                let p: TextDocumentPositionParams = parse(params)?;
                to_value(self.prepare_rename(&p))
            }
            "textDocument/rename" => {
                let p: RenameParams = parse(params)?;
                to_value(self.rename(&p)?)
            }
            "textDocument/hover" => {
                let p: HoverParams = parse(params)?;
                to_value(self.hover(&p.text_document_position_params))
            }
            "textDocument/codeAction" => {
                let p: CodeActionParams = parse(params)?;
                to_value(self.code_actions(&p))
            }
            _ => {
                return Err((
                    ErrorCode::MethodNotFound,
                    format!("stancemap lsp does not handle {method}"),
                ))
            }
        };
        Ok(value)
    }

    fn notification(&mut self, n: Notification) {
        let now = Instant::now();
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                let Some((path, dir)) = record_file(&p.text_document.uri) else {
                    return; // not a record file: nothing to check
                };
                self.documents.insert(
                    path,
                    Document {
                        text: p.text_document.text,
                    },
                );
                self.workspaces
                    .entry(dir.clone())
                    .or_insert_with(|| Workspace::new(dir.clone()));
                // Opening is checked at once: the file was not being typed.
                self.pending.insert(dir, (now - MAX_DELAY, now - MAX_DELAY));
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                let Some((path, dir)) = record_file(&p.text_document.uri) else {
                    return;
                };
                let Some(doc) = self.documents.get_mut(&path) else {
                    return;
                };
                for change in p.content_changes {
                    apply_change(&mut doc.text, change, self.encoding);
                }
                let entry = self.pending.entry(dir).or_insert((now, now));
                entry.1 = now;
            }
            "textDocument/didClose" | "textDocument/didSave" => {
                let Some(uri) = n
                    .params
                    .get("textDocument")
                    .and_then(|d| d.get("uri"))
                    .and_then(|u| serde_json::from_value::<Uri>(u.clone()).ok())
                else {
                    return;
                };
                let Some((path, dir)) = record_file(&uri) else {
                    return;
                };
                if n.method == "textDocument/didClose" {
                    self.documents.remove(&path);
                }
                if self.workspaces.contains_key(&dir) {
                    self.pending.entry(dir).or_insert((now, now));
                }
            }
            "workspace/didChangeWatchedFiles" => {
                for dir in self.workspaces.keys() {
                    self.pending.entry(dir.clone()).or_insert((now, now));
                }
            }
            _ => {} // initialized, $/cancelRequest, $/setTrace, …: nothing to do
        }
    }

    /// The record, file index and byte offset a position names.
    fn locate(&self, doc: &TextDocumentPositionParams) -> Option<(&Workspace, usize, usize)> {
        let (path, dir) = record_file(&doc.text_document.uri)?;
        let workspace = self.workspaces.get(&dir)?;
        let file = workspace.file_of(&path)?;
        let index = LineIndex::new(workspace.text_of(file), self.encoding);
        Some((workspace, file, index.offset(doc.position)))
    }

    fn location(
        &self,
        workspace: &Workspace,
        loc: &crate::diagnostic::Location,
    ) -> Option<Location> {
        let located = workspace.located.as_ref()?;
        let uri = path_to_uri(&located.paths[loc.file])?;
        let index = LineIndex::new(located.loaded.files.text(loc.file), self.encoding);
        Some(Location::new(uri, index.range(&loc.range)))
    }

    fn completion(&self, doc: &TextDocumentPositionParams) -> Option<CompletionResponse> {
        let (workspace, file, offset) = self.locate(doc)?;
        let documents = self
            .options
            .sources
            .as_deref()
            .and_then(|dir| std::fs::read_dir(dir).ok())
            .map(|entries| {
                let mut names: Vec<String> = entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter(|n| !n.starts_with('.'))
                    .collect();
                names.sort();
                names
            })
            .unwrap_or_default();
        let items = complete(
            workspace,
            workspace.text_of(file),
            offset,
            &self.schema,
            &documents,
            self.encoding,
        );
        Some(CompletionResponse::Array(items))
    }

    /// Definitions (`definitions_only`) or every site of the id under the cursor.
    fn locations(
        &self,
        doc: &TextDocumentPositionParams,
        definitions_only: bool,
        include_declaration: bool,
    ) -> Option<Vec<Location>> {
        let (workspace, file, offset) = self.locate(doc)?;
        let site = site_at(workspace, file, offset)?;
        Some(
            sites_of(workspace, site.kind, &site.id)
                .into_iter()
                .filter(|s| {
                    if definitions_only {
                        s.definition
                    } else {
                        include_declaration || !s.definition
                    }
                })
                .filter_map(|s| self.location(workspace, &s.location))
                .collect(),
        )
    }

    fn prepare_rename(&self, doc: &TextDocumentPositionParams) -> Option<Range> {
        let (workspace, file, offset) = self.locate(doc)?;
        let site = site_at(workspace, file, offset)?;
        Some(self.location(workspace, &site.location)?.range)
    }

    // lsp-types keys WorkspaceEdit by Uri, whose lazily filled cache makes clippy
    // call it mutable; its hash is of the text and never changes.
    #[allow(clippy::mutable_key_type)]
    fn rename(&self, p: &RenameParams) -> Result<Option<WorkspaceEdit>, (ErrorCode, String)> {
        let Some((workspace, file, offset)) = self.locate(&p.text_document_position) else {
            return Ok(None);
        };
        let Some(site) = site_at(workspace, file, offset) else {
            return Ok(None);
        };
        let new_id = p.new_name.trim();
        match check_rename(workspace, site.kind, new_id) {
            Ok(()) => {}
            Err(RenameRefused::NotASlug) => {
                return Err((
                    ErrorCode::InvalidParams,
                    format!("`{new_id}` is not an id: use lowercase letters, digits and `-`"),
                ))
            }
            Err(RenameRefused::Clash) => {
                return Err((
                    ErrorCode::RequestFailed,
                    format!(
                    "the record already has the id `{new_id}`: renaming {} `{}` would merge them",
                    site.kind.as_str(),
                    site.id
                ),
                ))
            }
        }
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for s in sites_of(workspace, site.kind, &site.id) {
            if let Some(loc) = self.location(workspace, &s.location) {
                changes
                    .entry(loc.uri)
                    .or_default()
                    .push(TextEdit::new(loc.range, new_id.to_string()));
            }
        }
        Ok(Some(WorkspaceEdit::new(changes)))
    }

    fn hover(&self, doc: &TextDocumentPositionParams) -> Option<Hover> {
        let (workspace, file, offset) = self.locate(doc)?;
        let (text, location) = match site_at(workspace, file, offset) {
            Some(site) => (hover_id(workspace, site), site.location.clone()),
            None => {
                let source = source_at(workspace, file, offset)?;
                (
                    hover_source(workspace, source, self.options.sources.as_deref()),
                    source.location.clone(),
                )
            }
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: self.location(workspace, &location).map(|l| l.range),
        })
    }

    fn code_actions(&self, p: &CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
        let (path, dir) = record_file(&p.text_document.uri)?;
        let workspace = self.workspaces.get(&dir)?;
        let file = workspace.file_of(&path)?;
        Some(code_actions(
            workspace,
            file,
            &p.text_document.uri,
            p.range,
            self.encoding,
        ))
    }
}

fn to_value<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The path and record directory of a record file's URI: a local `.yaml` or
/// `.yml` file. Anything else (another scheme, another type) is not the server's.
fn record_file(uri: &Uri) -> Option<(PathBuf, PathBuf)> {
    let path = uri_to_path(uri)?;
    let is_yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    let dir = path.parent()?.to_path_buf();
    (is_yaml && dir.is_dir()).then_some((path, dir))
}
