//! `sdrs-lint lsp` as an editor drives it: the real binary, Content-Length framed JSON-RPC over
//! its standard input and output.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one message may take before the test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A minimal LSP client around the server process.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Messages received while waiting for another one.
    pending: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sdrs-lint"))
            .arg("lsp")
            .current_dir(std::env::temp_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, messages, pending: VecDeque::new(), next_id: 1 }
    }

    /// Starts a server and initializes it with `capabilities`; returns it and the result.
    fn initialized(capabilities: Value) -> (Client, Value) {
        let mut client = Client::start();
        let result = client.request("initialize", json!({"processId": null, "capabilities": capabilities}));
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Sends a request and returns its result, failing on an error response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// The first message (received or to come) that `matches`.
    fn wait(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&matches) {
            return self.pending.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self.messages.recv_timeout(left).unwrap_or_else(|e| {
                panic!("no matching message within {TIMEOUT:?} ({e}); received meanwhile: {:?}", self.pending)
            });
            if matches(&message) {
                return message;
            }
            self.pending.push_back(message);
        }
    }

    /// The params of the next notification `method` (about `uri`, when given).
    fn notification(&mut self, method: &str, uri: Option<&str>) -> Value {
        let message = self.wait(|m| {
            m.get("id").is_none() && m["method"] == method && uri.is_none_or(|uri| m["params"]["uri"] == uri)
        });
        message["params"].clone()
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let params = self.notification("textDocument/publishDiagnostics", Some(uri));
        params["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        let item = json!({"uri": uri, "languageId": language, "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": item}));
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) -> Vec<Value> {
        let params = json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]});
        self.notify("textDocument/didChange", params);
        self.diagnostics(uri)
    }

    fn at(uri: &str, line: u32, character: u32) -> Value {
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
    }

    /// Waits for the process to end (after closing its input) and returns its status.
    fn wait_exit(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit within {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `shutdown` then `exit`; returns the exit status.
    fn shutdown(mut self) -> ExitStatus {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave the server running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads one framed message; `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(": ")
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdrs-lint-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

/// The diagnostic with code `code` (the first, when several).
fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics.iter().find(|d| d["code"] == code).unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
}

/// A request with several problems, CRLF line ends and an emoji before a diagnostic on its line.
/// Lines (0-based):
/// 5: `    "description": "😀 <b>",` — `<` after 20 ASCII characters, the emoji and a space
/// 6: `    "tenancy": "Dedicated",` — safe fix
/// 7: `    "flavorref": "s3.large.2",` — unsafe rename
/// 8: two tags with key `env`, the first with an emoji value
const DOC: &str = "{\r\n  \"protected_instance\": {\r\n    \"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\",\r\n    \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\r\n    \"name\": \"web-01\",\r\n    \"description\": \"😀 <b>\",\r\n    \"tenancy\": \"Dedicated\",\r\n    \"flavorref\": \"s3.large.2\",\r\n    \"tags\": [{\"key\": \"env\", \"value\": \"😀\"}, {\"key\": \"env\", \"value\": \"b\"}]\r\n  }\r\n}\r\n";

/// The same request being typed: cut short inside a new member name, braces not closed.
/// 3: `    "name": "web 01",` — `name-invalid-char` on the space
/// 4: `    "tenancy": "Dedicated",`
/// 5: `    "` — the cursor after the quote
const INCOMPLETE: &str = "{\r\n  \"protected_instance\": {\r\n    \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\",\r\n    \"name\": \"web 01\",\r\n    \"tenancy\": \"Dedicated\",\r\n    \"";

#[test]
fn diagnostics_use_utf16_positions_by_default_and_follow_every_change() {
    let (mut client, result) = Client::initialized(json!({}));
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 1, "full sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["codeActionProvider"]["codeActionKinds"], json!(["quickfix", "source.fixAll"]));
    assert_eq!(result["serverInfo"]["name"], "sdrs-lint");

    let dir = temp_dir("utf16");
    let uri = file_uri(&dir.join("request.json"));
    let diagnostics = client.open(&uri, "json", DOC);
    assert_eq!(
        codes(&diagnostics),
        [
            "description-invalid-char",
            "description-invalid-char",
            "tenancy-invalid",
            "unknown-field",
            "tag-key-duplicate"
        ]
    );
    // `<` and `>` of line 5: the emoji before them counts two UTF-16 units.
    let lt = &diagnostics[0];
    assert_eq!(lt["range"], range((5, 23), (5, 24)));
    assert_eq!(diagnostics[1]["range"], range((5, 25), (5, 26)));
    assert_eq!(lt["severity"], 1);
    assert_eq!(lt["source"], "sdrs-lint");
    assert_eq!(lt["data"], json!({"rule": "description-invalid-char"}));
    assert!(lt.get("codeDescription").is_none());
    assert!(lt["message"].as_str().unwrap().contains("`<`"), "{lt}");
    let tenancy = find(&diagnostics, "tenancy-invalid");
    assert_eq!(tenancy["range"], range((6, 15), (6, 26)));
    assert_eq!(tenancy["message"], "`tenancy` is `Dedicated`; it must be `shared` or `dedicated`");
    let unknown = find(&diagnostics, "unknown-field");
    assert_eq!((&unknown["range"], &unknown["severity"]), (&range((7, 4), (7, 15)), &json!(2)));
    let duplicate = find(&diagnostics, "tag-key-duplicate");
    assert_eq!(duplicate["range"], range((8, 52), (8, 57)), "after the emoji");
    assert_eq!(
        duplicate["relatedInformation"],
        json!([{"location": {"uri": uri, "range": range((8, 21), (8, 26))}, "message": "first used here"}])
    );
    assert!(tenancy.get("relatedInformation").is_none());

    // While typing, the text is not JSON: `invalid-json` at the end, the rules still run.
    let diagnostics = client.change(&uri, 2, INCOMPLETE);
    assert_eq!(codes(&diagnostics), ["name-invalid-char", "tenancy-invalid", "invalid-json"]);
    assert_eq!(find(&diagnostics, "name-invalid-char")["range"], range((3, 16), (3, 17)));
    assert_eq!(find(&diagnostics, "tenancy-invalid")["range"], range((4, 15), (4, 26)));
    let invalid = find(&diagnostics, "invalid-json");
    assert_eq!(invalid["severity"], 1);
    assert_eq!(invalid["range"], range((5, 5), (5, 5)), "the end of the text");

    client.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    let params = client.notification("textDocument/publishDiagnostics", Some(&uri));
    assert_eq!(params["diagnostics"], json!([]));
    assert!(client.shutdown().success());
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let capabilities = json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}});
    let (mut client, result) = Client::initialized(capabilities);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    let uri = file_uri(&temp_dir("utf8").join("request.json"));
    let diagnostics = client.open(&uri, "json", DOC);
    // The emoji is four bytes.
    assert_eq!(diagnostics[0]["range"], range((5, 25), (5, 26)));
    assert_eq!(diagnostics[1]["range"], range((5, 27), (5, 28)));
    assert_eq!(find(&diagnostics, "tenancy-invalid")["range"], range((6, 15), (6, 26)));
    assert_eq!(find(&diagnostics, "tag-key-duplicate")["range"], range((8, 54), (8, 59)));
    // Positions the client sends count bytes too: byte 51 of line 8 is the closing quote of the
    // second tag's `"key"` (in UTF-16 units it would be the space after its colon).
    let hover = client.request("textDocument/hover", Client::at(&uri, 8, 51));
    assert_eq!(hover["range"], range((8, 47), (8, 52)));
    assert!(client.shutdown().success());
}

#[test]
fn code_actions_offer_each_fix_and_fix_all() {
    let (mut client, _) = Client::initialized(json!({}));
    let uri = file_uri(&temp_dir("actions").join("request.json"));
    let diagnostics = client.open(&uri, "json", DOC);
    let tenancy = find(&diagnostics, "tenancy-invalid").clone();

    // A cursor inside `"Dedicated"`: its safe, preferred fix, plus fix-all.
    let params = json!({
        "textDocument": {"uri": uri},
        "range": range((6, 18), (6, 18)),
        "context": {"diagnostics": [tenancy]}
    });
    let actions = client.request("textDocument/codeAction", params);
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:#?}");
    let quickfix = &actions[0];
    assert_eq!(quickfix["title"], "replace with `dedicated`");
    assert_eq!(quickfix["kind"], "quickfix");
    assert_eq!(quickfix["isPreferred"], true);
    assert_eq!(quickfix["diagnostics"], json!([tenancy]));
    assert_eq!(
        quickfix["edit"]["changes"][&uri],
        json!([{"range": range((6, 15), (6, 26)), "newText": "\"dedicated\""}])
    );
    let fix_all = &actions[1];
    assert_eq!(fix_all["title"], "Fix all safe problems (sdrs-lint)");
    assert_eq!(fix_all["kind"], "source.fixAll");
    let edits = fix_all["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"], range((0, 0), (11, 0)), "the whole document");
    // Only the safe fix is applied: the misspelt `flavorref` stays.
    assert_eq!(edits[0]["newText"], DOC.replace("\"Dedicated\"", "\"dedicated\""));

    // The misspelt member: an unsafe rename, not preferred.
    let params = json!({
        "textDocument": {"uri": uri},
        "range": range((7, 4), (7, 15)),
        "context": {"diagnostics": [], "only": ["quickfix"]}
    });
    let actions = client.request("textDocument/codeAction", params);
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "only quick fixes were asked for: {actions:#?}");
    assert_eq!(actions[0]["title"], "rename to `flavorRef`");
    assert!(actions[0].get("isPreferred").is_none());
    assert_eq!(actions[0]["diagnostics"][0]["code"], "unknown-field");
    assert_eq!(
        actions[0]["edit"]["changes"][&uri],
        json!([{"range": range((7, 4), (7, 15)), "newText": "\"flavorRef\""}])
    );

    // Diagnostics without fixes offer nothing but fix-all; actions follow the latest text.
    let params =
        json!({"textDocument": {"uri": uri}, "range": range((5, 23), (5, 23)), "context": {"diagnostics": []}});
    let actions = client.request("textDocument/codeAction", params.clone());
    let kinds: Vec<&Value> = actions.as_array().unwrap().iter().map(|a| &a["kind"]).collect();
    assert_eq!(kinds, [&json!("source.fixAll")]);
    client.change(&uri, 2, &DOC.replace("Dedicated", "dedicated"));
    assert_eq!(client.request("textDocument/codeAction", params), json!([]), "no safe fix is left");
    assert!(client.shutdown().success());
}

#[test]
fn a_quick_fix_follows_the_diagnostics_of_the_request_context_wherever_the_cursor_is() {
    let (mut client, _) = Client::initialized(json!({}));
    let uri = file_uri(&temp_dir("context").join("request.json"));
    let diagnostics = client.open(&uri, "json", DOC);
    let tenancy = find(&diagnostics, "tenancy-invalid").clone();
    let flavorref = find(&diagnostics, "unknown-field").clone();
    let titles = |actions: Value| -> Vec<String> {
        actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
    };
    let ask = |client: &mut Client, at: Value, listed: Vec<Value>| {
        let context = json!({"diagnostics": listed, "only": ["quickfix"]});
        client
            .request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": at, "context": context}))
    };

    // The cursor on line 0, far from both findings (lines 6 and 7); the client lists the two,
    // as a "code actions for this diagnostic" menu or a whole-line request does.
    let actions = ask(&mut client, range((0, 0), (0, 0)), vec![tenancy.clone(), flavorref.clone()]);
    assert_eq!(titles(actions.clone()), ["replace with `dedicated`", "rename to `flavorRef`"]);
    assert_eq!(actions[0]["diagnostics"], json!([tenancy]));
    assert_eq!(
        actions[0]["edit"]["changes"][&uri],
        json!([{"range": range((6, 15), (6, 26)), "newText": "\"dedicated\""}])
    );
    // Without them, nothing is offered there.
    assert_eq!(ask(&mut client, range((0, 0), (0, 0)), vec![]), json!([]));
    // Listed and under the cursor: offered once.
    assert_eq!(titles(ask(&mut client, range((6, 18), (6, 18)), vec![tenancy.clone()])), ["replace with `dedicated`"]);
    // Another server's diagnostic at the same place, or one whose range no longer matches the
    // text, is not ours.
    let mut other = tenancy.clone();
    other["source"] = json!("another-linter");
    assert_eq!(ask(&mut client, range((0, 0), (0, 0)), vec![other]), json!([]));
    let mut stale = tenancy.clone();
    stale["range"] = range((5, 15), (5, 26));
    assert_eq!(ask(&mut client, range((0, 0), (0, 0)), vec![stale]), json!([]));
    // A client that drops `source` and `data` still gets the fix.
    let bare = json!({"range": tenancy["range"], "code": "tenancy-invalid", "message": "edited by the client"});
    assert_eq!(titles(ask(&mut client, range((0, 0), (0, 0)), vec![bare])), ["replace with `dedicated`"]);
    assert!(client.shutdown().success());
}

#[test]
fn hover_documents_member_names() {
    let (mut client, _) = Client::initialized(json!({}));
    let uri = file_uri(&temp_dir("hover").join("request.json"));
    client.open(&uri, "json", DOC);
    // On the `"name"` key of line 4.
    let hover = client.request("textDocument/hover", Client::at(&uri, 4, 6));
    assert_eq!(hover["contents"]["kind"], "markdown");
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("`name`") && text.contains("required") && text.contains("string"), "{text}");
    assert!(text.contains("64 bytes"), "{text}");
    assert_eq!(hover["range"], range((4, 4), (4, 10)));
    // A tag's `key`, after the emoji line: positions are UTF-16.
    let hover = client.request("textDocument/hover", Client::at(&uri, 8, 15));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("`key`") && text.contains("1 to 36"), "{text}");
    // Not on a key: a value without a finding.
    assert_eq!(client.request("textDocument/hover", Client::at(&uri, 4, 14)), Value::Null);
    // An undocumented member: the rule that reports it.
    let hover = client.request("textDocument/hover", Client::at(&uri, 7, 6));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**unknown-field** (warning): "), "{text}");
    assert_eq!(hover["range"], range((7, 4), (7, 15)));
    assert!(client.shutdown().success());
}

/// The labels and edits of a completion result.
fn completions(result: &Value) -> Vec<(String, Value, String)> {
    result
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let edit = &item["textEdit"];
            (
                item["label"].as_str().unwrap().to_string(),
                edit["range"].clone(),
                edit["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn completion_offers_missing_members_and_tenancy_values_in_incomplete_text() {
    let (mut client, result) = Client::initialized(json!({}));
    assert_eq!(result["capabilities"]["completionProvider"]["triggerCharacters"], json!(["\""]));
    let uri = file_uri(&temp_dir("completion").join("request.json"));
    client.open(&uri, "json", INCOMPLETE);

    // After the quote that starts a new member name: the missing members, names only.
    let items = completions(&client.request("textDocument/completion", Client::at(&uri, 5, 5)));
    let labels: Vec<&str> = items.iter().map(|(l, ..)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "server_group_id",
            "description",
            "cluster_id",
            "primary_subnet_id",
            "primary_ip_address",
            "flavorRef",
            "dedicated_host_id",
            "tags"
        ]
    );
    assert_eq!(items[0].1, range((5, 5), (5, 5)));
    assert_eq!(items[0].2, "server_group_id");

    // Inside the value of `tenancy`: both values, replacing the text between the quotes.
    let items = completions(&client.request("textDocument/completion", Client::at(&uri, 4, 17)));
    assert_eq!(
        items,
        [
            ("shared".to_string(), range((4, 16), (4, 25)), "shared".to_string()),
            ("dedicated".to_string(), range((4, 16), (4, 25)), "dedicated".to_string())
        ]
    );

    // Outside quotes, a whole member is inserted; at the root only `protected_instance` fits.
    client.change(&uri, 2, "{\n  \n}");
    let items = completions(&client.request("textDocument/completion", Client::at(&uri, 1, 2)));
    assert_eq!(
        items,
        [("protected_instance".to_string(), range((1, 2), (1, 2)), "\"protected_instance\": ".to_string())]
    );
    // In a tag, `key` and `value`; the present one is left out.
    client.change(&uri, 3, "{\"protected_instance\": {\"tags\": [{\"key\": \"a\", ");
    let items = completions(&client.request("textDocument/completion", Client::at(&uri, 0, 46)));
    assert_eq!(items, [("value".to_string(), range((0, 46), (0, 46)), "\"value\": ".to_string())]);
    // In the value of another member: nothing.
    let items = completions(&client.request("textDocument/completion", Client::at(&uri, 0, 42)));
    assert!(items.is_empty(), "{items:?}");
    assert!(client.shutdown().success());
}

#[test]
fn http_request_files_are_linted_as_requests() {
    let (mut client, _) = Client::initialized(json!({}));
    let uri = file_uri(&temp_dir("http").join("create.http"));
    let text = "POST https://sdrs.example.com/v1/{project_id}/protected-instances\nContent-Type: application/json\n\n{\"protected_instance\": {\"server_group_id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"server_id\": \"9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\", \"name\": \"web 01\"}}\n";
    let diagnostics = client.open(&uri, "plaintext", text);
    assert_eq!(codes(&diagnostics), ["project-id", "name-invalid-char"]);
    assert_eq!(diagnostics[0]["range"], range((0, 33), (0, 45)));
    assert_eq!(diagnostics[0]["severity"], 2);
    assert_eq!(diagnostics[1]["range"], range((3, 148), (3, 149)));
    // Hover and completion work in the body.
    let hover = client.request("textDocument/hover", Client::at(&uri, 3, 138));
    assert!(hover["contents"]["value"].as_str().unwrap().contains("64 bytes"), "{hover}");
    // The same text as a JSON document is not JSON.
    let json_uri = file_uri(&temp_dir("http").join("create.json"));
    let diagnostics = client.open(&json_uri, "json", text);
    assert_eq!(codes(&diagnostics), ["invalid-json"]);
    assert!(client.shutdown().success());
}

#[test]
fn the_nearest_configuration_sets_severities_and_suppressions() {
    let dir = temp_dir("config");
    std::fs::write(
        dir.join("sdrs-lint.toml"),
        "[rules]\nunknown-field = \"off\"\ntenancy-invalid = \"warning\"\n\n[[suppress]]\nrules = [\"tag-key-duplicate\"]\npaths = [\"bodies/*.json\"]\nreason = \"tested\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("bodies")).unwrap();
    let (mut client, _) = Client::initialized(json!({}));
    let uri = file_uri(&dir.join("bodies").join("request.json"));
    let diagnostics = client.open(&uri, "json", DOC);
    assert_eq!(codes(&diagnostics), ["description-invalid-char", "description-invalid-char", "tenancy-invalid"]);
    assert_eq!(find(&diagnostics, "tenancy-invalid")["severity"], 2, "made a warning");
    // The suppression's `paths` does not cover a file beside the configuration.
    let other = file_uri(&dir.join("request.json"));
    let diagnostics = client.open(&other, "json", DOC);
    assert_eq!(
        codes(&diagnostics),
        ["description-invalid-char", "description-invalid-char", "tenancy-invalid", "tag-key-duplicate"]
    );
    // A document that is not a file uses the defaults.
    let diagnostics = client.open("untitled:Untitled-1", "json", DOC);
    assert!(codes(&diagnostics).contains(&"unknown-field"));
    assert!(client.shutdown().success());
}

#[test]
fn a_broken_configuration_is_shown_and_logged_and_nothing_is_published() {
    let dir = temp_dir("broken");
    std::fs::write(dir.join("sdrs-lint.toml"), "[rules]\nno-such-rule = \"off\"\n").unwrap();
    let (mut client, _) = Client::initialized(json!({}));
    let uri = file_uri(&dir.join("request.json"));
    assert_eq!(client.open(&uri, "json", DOC), Vec::<Value>::new());
    let shown = client.notification("window/showMessage", None);
    let log = client.notification("window/logMessage", None);
    assert_eq!(shown, log, "the same message, shown to the user and logged");
    assert_eq!(log["type"], 1, "an error: {log}");
    let message = log["message"].as_str().unwrap();
    assert!(message.contains("sdrs-lint.toml:2:1") && message.contains("no-such-rule"), "{message}");
    // A second document under the same configuration: logged for it, not shown again.
    let other = file_uri(&dir.join("other.json"));
    assert_eq!(client.open(&other, "json", DOC), Vec::<Value>::new());
    assert_eq!(client.notification("window/logMessage", None), log);
    // The server keeps serving, and logs the same problem once.
    assert_eq!(client.change(&uri, 2, INCOMPLETE), Vec::<Value>::new());
    let hover = client.request("textDocument/hover", Client::at(&uri, 3, 6));
    assert!(hover["contents"]["value"].as_str().unwrap().contains("`name`"));
    let noisy = ["window/logMessage", "window/showMessage"];
    assert!(
        !client.pending.iter().any(|m| noisy.contains(&m["method"].as_str().unwrap_or(""))),
        "{:?}",
        client.pending
    );
    // Fixed, it applies at the next change.
    std::fs::write(dir.join("sdrs-lint.toml"), "[rules]\ntenancy-invalid = \"off\"\n").unwrap();
    let diagnostics = client.change(&uri, 3, DOC);
    assert!(!diagnostics.is_empty() && !codes(&diagnostics).contains(&"tenancy-invalid"), "{diagnostics:#?}");
    assert!(client.shutdown().success());
}

#[test]
fn protocol_errors_are_responses_and_the_lifecycle_sets_the_exit_status() {
    let mut client = Client::start();
    let early = client.call("textDocument/hover", Client::at("file:///x.json", 0, 0));
    assert_eq!(early["error"]["code"], -32002, "not initialized yet: {early}");
    let invalid = client.call("initialize", json!({"capabilities": 7}));
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");
    client.request("initialize", json!({"capabilities": {}}));
    client.notify("initialized", json!({}));
    let unknown = client.call("textDocument/definition", Client::at("file:///x.json", 0, 0));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let invalid = client.call("textDocument/hover", json!({"textDocument": 1}));
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");
    // Unknown and malformed notifications are ignored; the server still answers.
    client.notify("$/setTrace", json!({"value": "off"}));
    client.notify("workspace/somethingNew", json!([1, 2]));
    client.notify("textDocument/didOpen", json!({"textDocument": {}}));
    assert_eq!(client.request("textDocument/hover", Client::at("file:///not-open.json", 0, 0)), Value::Null);
    let again = client.call("initialize", json!({"capabilities": {}}));
    assert_eq!(again["error"]["code"], -32600, "{again}");
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    let after = client.call("textDocument/hover", Client::at("file:///x.json", 0, 0));
    assert_eq!(after["error"]["code"], -32600, "after shutdown: {after}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));

    // `exit` without `shutdown`: status 1.
    let (mut client, _) = Client::initialized(json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
    // The client going away: status 1.
    let (client, _) = Client::initialized(json!({}));
    assert_eq!(client.wait_exit().code(), Some(1));
}

/// The fixture repository `tests/fixtures/repo` in an editor: each broken request gets its
/// findings (with the repository's `sdrs-lint.toml` applied), a clean one gets none.
#[test]
fn the_fixture_repository_in_the_editor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/repo");
    let (mut client, _) = Client::initialized(json!({}));
    let cases: [(&str, &str, &[&str]); 6] = [
        ("api/create.http", "http", &["request-line", "name-invalid-char"]),
        ("requests/db-01.json", "json", &["missing-field", "unknown-field", "unknown-field", "unknown-field"]),
        ("requests/app-02.json", "json", &["missing-field", "unknown-field"]),
        ("requests/report-04.json", "json", &["name-invalid-char"]),
        ("docs/reference-example.json", "json", &["id-not-uuid"]),
        ("requests/web-01.json", "json", &[]),
    ];
    for (path, language, expected) in cases {
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        let diagnostics = client.open(&file_uri(&root.join(path)), language, &text);
        assert_eq!(codes(&diagnostics), expected, "{path}");
    }
    assert!(client.shutdown().success());
}

#[test]
fn inventory_findings_relate_to_the_inventory_file_and_follow_its_changes() {
    let dir = temp_dir("inventory");
    std::fs::write(dir.join("sdrs-lint.toml"), "[inventory]\npaths = [\"inventory/\"]\n").unwrap();
    std::fs::create_dir(dir.join("inventory")).unwrap();
    let groups = |status: &str| {
        format!(
            "{{\"server_groups\": [\n  {{\"id\": \"5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90\", \"name\": \"dr-web\",\n   \"status\": \"{status}\"}}\n]}}\n"
        )
    };
    let inventory = dir.join("inventory/server-groups.json");
    std::fs::write(&inventory, groups("error-stopping")).unwrap();
    let request = dir.join("request.json");
    let text = r#"{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "web-01"}}"#;
    std::fs::write(&request, text).unwrap();
    let uri = file_uri(&request);
    let capabilities = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let (mut client, _) = Client::initialized(capabilities);
    // The server asks to be told of changes to JSON and configuration files.
    let registration = client.wait(|m| m["method"] == "client/registerCapability");
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/*.json");

    let diagnostics = client.open(&uri, "json", text);
    let status = find(&diagnostics, "group-status");
    let related = &status["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], file_uri(&inventory));
    assert_eq!(related["location"]["range"], range((2, 13), (2, 29)));
    assert_eq!(related["message"], "the group's status");

    // Hovering the value names the rule and the service errors it prevents.
    let hover = client.request("textDocument/hover", Client::at(&uri, 0, 50));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("**group-status** (error)") && shown.contains("`SDRS.1323`"), "{shown}");

    // The group is protected again: the editor reports the change of the file.
    std::fs::write(&inventory, groups("protected")).unwrap();
    let changes = json!({"changes": [{"uri": file_uri(&inventory), "type": 2}]});
    client.notify("workspace/didChangeWatchedFiles", changes);
    assert!(codes(&client.diagnostics(&uri)).is_empty());
    client.shutdown();
}
