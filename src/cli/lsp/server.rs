//! The message loop: the LSP lifecycle (initialize, shutdown, exit), document sync and
//! dispatch of the requests the server answers.

use std::collections::HashMap;

use crate::lines::ColumnUnit;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response, ResponseError};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Initialized, LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, HoverRequest, Initialize, RegisterCapability, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, CompletionOptions,
    CompletionParams, CompletionResponse, DidChangeTextDocumentParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, FileSystemWatcher, GlobPattern, HoverParams,
    HoverProviderCapability, InitializeParams, InitializeResult, LogMessageParams, MessageType,
    PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::analysis::Analysis;
use super::convert::{self, Lines};
use super::documents::{Document, Documents};
use super::{code_actions, completion, diagnostics, hover};

/// Where the server is in the LSP lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Waiting for `initialize`.
    Uninitialized,
    /// Serving.
    Running,
    /// `shutdown` was answered; only `exit` is expected.
    ShutDown,
}

/// Why the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// `exit` after `shutdown`: status 0.
    Exit,
    /// `exit` without `shutdown`, or the client went away: status 1.
    Abrupt,
}

/// The server's state between messages.
pub struct Server<'c> {
    connection: &'c Connection,
    state: State,
    unit: ColumnUnit,
    documents: Documents,
    /// The configuration problem of each document whose configuration cannot be used, so it is
    /// logged once, not on every keystroke, and shown once for all the documents it governs.
    logged: HashMap<Uri, String>,
    /// Whether the client stopped reading.
    disconnected: bool,
    /// Whether the client can watch files for the server (dynamic registration of
    /// `workspace/didChangeWatchedFiles`).
    can_watch: bool,
}

impl<'c> Server<'c> {
    /// A server talking over `connection`.
    pub fn new(connection: &'c Connection) -> Self {
        Server {
            connection,
            state: State::Uninitialized,
            unit: ColumnUnit::Utf16,
            documents: Documents::default(),
            logged: HashMap::new(),
            disconnected: false,
            can_watch: false,
        }
    }

    /// Handles messages until `exit`, or until the client goes away.
    pub fn serve(&mut self) -> End {
        let connection = self.connection;
        for message in &connection.receiver {
            match message {
                Message::Request(request) => self.request(request),
                Message::Notification(n) if n.method == lsp_types::notification::Exit::METHOD => {
                    return if self.state == State::ShutDown { End::Exit } else { End::Abrupt };
                }
                Message::Notification(notification) => self.notification(notification),
                // The only request the server sends registers file watching; a client that
                // refuses it still reports saves.
                Message::Response(_) => {}
            }
            if self.disconnected {
                return End::Abrupt;
            }
        }
        End::Abrupt
    }

    fn send(&mut self, message: Message) {
        if self.connection.sender.send(message).is_err() {
            self.disconnected = true;
        }
    }

    fn notify(&mut self, method: &str, params: impl Serialize) {
        if let Ok(params) = serde_json::to_value(params) {
            self.send(Notification { method: method.to_string(), params }.into());
        }
    }

    fn log(&mut self, typ: MessageType, message: String) {
        self.notify(LogMessage::METHOD, LogMessageParams { typ, message });
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        let result = match (self.state, method.as_str()) {
            (State::Uninitialized, Initialize::METHOD) => self.initialize(params),
            (State::Uninitialized, _) => {
                Err(error(ErrorCode::ServerNotInitialized, "the server has not been initialized".into()))
            }
            (_, Initialize::METHOD) => {
                Err(error(ErrorCode::InvalidRequest, "the server is already initialized".into()))
            }
            (State::ShutDown, _) => Err(error(ErrorCode::InvalidRequest, "the server is shutting down".into())),
            (State::Running, Shutdown::METHOD) => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (State::Running, HoverRequest::METHOD) => parse::<HoverParams>(params).and_then(|p| {
                let at = p.text_document_position_params;
                let hover =
                    self.documents.get(&at.text_document.uri).and_then(|d| hover::hover(d, at.position, self.unit));
                to_value(hover)
            }),
            (State::Running, Completion::METHOD) => parse::<CompletionParams>(params).and_then(|p| {
                let at = p.text_document_position;
                let items =
                    self.documents.get(&at.text_document.uri).map(|d| completion::complete(d, at.position, self.unit));
                to_value(items.map(CompletionResponse::Array))
            }),
            (State::Running, CodeActionRequest::METHOD) => parse::<CodeActionParams>(params).and_then(|p| {
                let actions = self.documents.get(&p.text_document.uri).map(|d| code_actions::actions(d, &p, self.unit));
                to_value(actions)
            }),
            (State::Running, _) => Err(error(ErrorCode::MethodNotFound, format!("unknown method `{method}`"))),
        };
        let response = match result {
            Ok(result) => Response { id, result: Some(result), error: None },
            Err(error) => Response { id, result: None, error: Some(error) },
        };
        self.send(response.into());
    }

    fn initialize(&mut self, params: Value) -> Result<Value, ResponseError> {
        let params = parse::<InitializeParams>(params)?;
        self.unit = convert::negotiate(&params.capabilities);
        self.can_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.state = State::Running;
        to_value(InitializeResult { capabilities: capabilities(self.unit), server_info: Some(server_info()) })
    }

    fn notification(&mut self, notification: Notification) {
        if self.state != State::Running {
            return;
        }
        let Notification { method, params } = notification;
        let handled = match method.as_str() {
            DidOpenTextDocument::METHOD => parse::<DidOpenTextDocumentParams>(params).map(|p| {
                let item = p.text_document;
                let document = Document::new(&item.uri, &item.language_id, item.version, item.text);
                self.documents.open(item.uri.clone(), document);
                self.publish(&item.uri);
            }),
            DidChangeTextDocument::METHOD => parse::<DidChangeTextDocumentParams>(params).map(|p| {
                let uri = p.text_document.uri;
                if let Some(document) = self.documents.get_mut(&uri) {
                    document.change(p.text_document.version, p.content_changes, self.unit);
                    self.publish(&uri);
                }
            }),
            DidCloseTextDocument::METHOD => parse::<DidCloseTextDocumentParams>(params).map(|p| {
                let uri = p.text_document.uri;
                if self.documents.close(&uri) {
                    self.logged.remove(&uri);
                    self.notify(
                        PublishDiagnostics::METHOD,
                        PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None },
                    );
                }
            }),
            Initialized::METHOD => {
                self.watch();
                Ok(())
            }
            // An inventory or configuration file changed (on disk, or saved from the editor):
            // lint every open document again; inventories are read again only when one of
            // their files changed.
            DidChangeWatchedFiles::METHOD | DidSaveTextDocument::METHOD => {
                for uri in self.documents.uris() {
                    self.publish(&uri);
                }
                Ok(())
            }
            // `$/cancelRequest` and anything else: nothing to do.
            _ => Ok(()),
        };
        if let Err(e) = handled {
            self.log(MessageType::WARNING, format!("sdrs-lint: ignored `{method}`: {}", e.message));
        }
    }

    /// Asks the client to report changes to JSON files (inventories) and configuration files,
    /// when it can.
    fn watch(&mut self) {
        if !self.can_watch {
            return;
        }
        let watchers = ["**/*.json", "**/sdrs-lint.toml"]
            .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.to_string()), kind: None });
        let options = DidChangeWatchedFilesRegistrationOptions { watchers: watchers.to_vec() };
        let registration = Registration {
            id: "sdrs-lint-inventory".to_string(),
            method: DidChangeWatchedFiles::METHOD.to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Ok(params) = serde_json::to_value(RegistrationParams { registrations: vec![registration] }) {
            let request =
                Request { id: "sdrs-lint-watch".to_string().into(), method: RegisterCapability::METHOD.into(), params };
            self.send(request.into());
        }
    }

    /// Lints the document at `uri` and publishes its diagnostics; nothing (an empty list) when
    /// its configuration cannot be used, which is logged instead.
    fn publish(&mut self, uri: &Uri) {
        let Some(document) = self.documents.get(uri) else { return };
        let version = Some(document.version);
        let (diagnostics, problem) = match Analysis::of(document) {
            Ok(analysis) => {
                let text = document.text.as_str();
                let lines = Lines::new(text, self.unit);
                let report = analysis.lint(text.as_bytes());
                (report.diagnostics().iter().map(|d| diagnostics::to_lsp(d, &lines, uri)).collect(), None)
            }
            Err(problem) => (Vec::new(), Some(problem)),
        };
        match problem {
            Some(problem) if self.logged.get(uri) != Some(&problem) => {
                // A pop-up for the person (once, however many open documents the file governs),
                // and the log for the record (once per document).
                if !self.logged.values().any(|p| *p == problem) {
                    let message = problem.clone();
                    self.notify(ShowMessage::METHOD, ShowMessageParams { typ: MessageType::ERROR, message });
                }
                self.logged.insert(uri.clone(), problem.clone());
                self.log(MessageType::ERROR, problem);
            }
            Some(_) => {}
            None => {
                self.logged.remove(uri);
            }
        }
        self.notify(PublishDiagnostics::METHOD, PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version });
    }
}

/// What the server offers.
fn capabilities(unit: ColumnUnit) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(convert::encoding_kind(unit)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".to_string()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

fn server_info() -> ServerInfo {
    ServerInfo { name: "sdrs-lint".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) }
}

fn error(code: ErrorCode, message: String) -> ResponseError {
    ResponseError { code: code as i32, message, data: None }
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, ResponseError> {
    serde_json::from_value(params).map_err(|e| error(ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn to_value(result: impl Serialize) -> Result<Value, ResponseError> {
    serde_json::to_value(result).map_err(|e| error(ErrorCode::InternalError, e.to_string()))
}
