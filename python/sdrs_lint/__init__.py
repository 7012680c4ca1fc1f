"""Lint the body of Huawei Cloud SDRS's *create a protected instance* request before sending it.

The same engine, rules and diagnostics as the ``sdrs-lint`` command, in-process::

    import sdrs_lint

    report = sdrs_lint.lint('{"protected_instance": {"server_group_id": "..."}}')
    for d in report:
        print(d.line, d.column, d.severity, d.rule, d.message)
    print(report)                  # the command's human report, with source snippets

    sdrs_lint.check(request)       # raises sdrs_lint.LintError when the service would reject it

    # Also against the state of the cloud, from saved responses of its list APIs:
    inventory = sdrs_lint.Inventory.load("inventory/")
    sdrs_lint.check(request, inventory=inventory)

``body`` may be the JSON text (``str`` or ``bytes``), a ``dict`` (or any mapping), or a Huawei
Cloud SDK model (``huaweicloudsdksdrs.v1.CreateProtectedInstanceRequestBody``, or the
``CreateProtectedInstanceRequest`` holding it): a dict or model is linted as the JSON the SDK
would send, and ``report.source`` holds that text.
"""

from __future__ import annotations

import difflib
import os
import threading
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal, Optional, Union, overload

from . import _native
from ._inventory import (
    Duplicate,
    Inventory,
    InventoryError,
    InventoryFile,
    InventoryKind,
    InventoryLike,
    Response,
)
from ._inventory import _kind as _inventory_kind
from ._inventory import resolve as _resolve_inventory
from ._serialize import SdkModel, is_model, is_request, to_json

__all__ = [
    "Body",
    "ConfigError",
    "Diagnostic",
    "Duplicate",
    "Edit",
    "Fix",
    "Inventory",
    "InventoryError",
    "InventoryFile",
    "InventoryKind",
    "InventoryLike",
    "Label",
    "LintError",
    "Response",
    "Report",
    "Rule",
    "SdkModel",
    "SkippedRequest",
    "check",
    "lint",
    "lint_http",
    "rule",
    "rules",
]

__version__: str = _native.__version__

SeverityLevel = Literal["error", "warning"]
"""The severity of a diagnostic."""

Applicability = Literal["safe", "unsafe"]
"""Whether a fix keeps the request's meaning (``"safe"``) or changes what is sent (``"unsafe"``)."""


Body = Union[str, bytes, bytearray, memoryview, Mapping[str, object], SdkModel]
"""What ``lint`` and ``check`` accept."""

Severities = Mapping[str, str]
"""Rule id -> ``"error"``, ``"warning"`` (or ``"warn"``) or ``"off"``."""

ConfigPath = Union[str, "os.PathLike[str]"]

_DEFAULT_NAME = "<request>"

# Shown (and pickled) as members of the package, where users find them.
for _cls in (Inventory, InventoryError, InventoryFile, Duplicate, SdkModel):
    _cls.__module__ = __name__
del _cls


class Label:
    """A labelled place. ``path`` is ``None`` for a place in the linted source; otherwise the
    place is in another file, the inventory file that proves the finding, named as the
    inventory names it (``InventoryFile.name``), and its offsets, lines and columns are that
    file's. Offsets are bytes (of ``report.source_bytes`` for the linted source, UTF-8); lines
    and columns are 1-based, columns counted in characters (Unicode scalar values, as Python's
    ``str`` counts them), a leading byte-order mark not counted."""

    __slots__ = ("start", "line", "column", "end", "end_line", "end_column", "text", "primary", "path")

    start: int
    line: int
    column: int
    end: int
    end_line: int
    end_column: int
    text: Optional[str]
    primary: bool
    path: Optional[str]

    def __init__(
        self,
        start: int,
        line: int,
        column: int,
        end: int,
        end_line: int,
        end_column: int,
        text: Optional[str],
        primary: bool = False,
        path: Optional[str] = None,
    ) -> None:
        self.start, self.line, self.column = start, line, column
        self.end, self.end_line, self.end_column = end, end_line, end_column
        self.text, self.primary, self.path = text, primary, path

    @classmethod
    def _of(cls, place: _native._Place, primary: bool) -> Label:
        start, line, column, end, end_line, end_column, text, path = place
        return cls(start, line, column, end, end_line, end_column, text, primary, path)

    def _key(self) -> tuple[object, ...]:
        return (
            self.start,
            self.end,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.text,
            self.primary,
            self.path,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Label) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        where = f"{self.path}:" if self.path is not None else ""
        return f"Label({where}{self.line}:{self.column}-{self.end_line}:{self.end_column}, text={self.text!r})"


class Edit:
    """Replace the source from ``start`` to ``end`` (bytes; also as lines and columns) with
    ``replacement`` (an empty range inserts)."""

    __slots__ = ("start", "line", "column", "end", "end_line", "end_column", "replacement")

    start: int
    line: int
    column: int
    end: int
    end_line: int
    end_column: int
    replacement: str

    def __init__(
        self, start: int, line: int, column: int, end: int, end_line: int, end_column: int, replacement: Optional[str]
    ) -> None:
        self.start, self.line, self.column = start, line, column
        self.end, self.end_line, self.end_column = end, end_line, end_column
        self.replacement = replacement or ""

    def _key(self) -> tuple[object, ...]:
        return (self.start, self.end, self.replacement)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Edit) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Edit({self.line}:{self.column}-{self.end_line}:{self.end_column}, {self.replacement!r})"


class Fix:
    """A suggested change: ``title`` (what it does), ``applicability`` (``"safe"``: meaning
    kept; ``"unsafe"``: changes what is sent) and non-overlapping ``edits`` in source order."""

    __slots__ = ("title", "applicability", "edits")

    title: str
    applicability: Applicability
    edits: tuple[Edit, ...]

    def __init__(self, title: str, applicability: Applicability, edits: tuple[Edit, ...]) -> None:
        self.title, self.applicability, self.edits = title, applicability, edits

    def apply(self, source: str) -> str:
        """``source`` (the report's ``source``) with the edits applied."""
        data = source.encode("utf-8", "surrogatepass")
        for edit in reversed(self.edits):
            data = data[: edit.start] + edit.replacement.encode("utf-8") + data[edit.end :]
        return data.decode("utf-8", "surrogatepass")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fix) and (self.title, self.applicability, self.edits) == (
            other.title,
            other.applicability,
            other.edits,
        )

    def __hash__(self) -> int:
        return hash((self.title, self.applicability, self.edits))

    def __repr__(self) -> str:
        return f"Fix({self.title!r}, {self.applicability!r}, {list(self.edits)!r})"


class Diagnostic:
    """One finding of one rule.

    - ``rule``: the rule's id (``sdrs_lint.rule(id)`` describes it); ``severity``: ``"error"``
      (the service rejects the request) or ``"warning"`` (it accepts it, but it almost surely
      does not do what was meant); ``message``: what is wrong.
    - ``pointer``: JSON Pointer (RFC 6901) of the member concerned, ``""`` for the whole body.
    - ``line``, ``column``, ``end_line``, ``end_column``: where the primary label starts and
      ends (1-based; columns in characters, as the command prints them); ``start``, ``end``:
      the same as byte offsets into ``report.source_bytes``; ``label``: the primary label's text.
    - ``labels``: every label, the primary first (``labels[0]``), then related places such as the
      first of two duplicate tag keys, or (for the inventory rules) the value in an inventory
      file that decides the finding (a label whose ``path`` names that file).
    - ``help``: how to fix it, or ``None``; ``fix``: a ``Fix`` with text edits, or ``None``.
    """

    # A diagnostic keeps the engine's plain tuple and reads its fields from it: making one costs
    # a single allocation, and labels and fixes become objects only when asked for.
    __slots__ = ("_raw", "_labels", "_fix")

    def __init__(self, raw: _native._Diagnostic) -> None:
        self._raw = raw
        self._labels: Optional[tuple[Label, ...]] = None
        self._fix: Optional[Fix] = None

    @property
    def rule(self) -> str:
        """The rule's id, such as ``name-too-long``."""
        return self._raw[0]

    @property
    def severity(self) -> SeverityLevel:
        """``"error"`` or ``"warning"``."""
        return "error" if self._raw[1] == "error" else "warning"

    @property
    def message(self) -> str:
        """What is wrong, with the limit and the actual figure."""
        return self._raw[2]

    @property
    def pointer(self) -> str:
        """JSON Pointer of the member concerned; ``""`` is the whole body."""
        return self._raw[3]

    @property
    def line(self) -> int:
        """1-based line of the primary label's start."""
        return self._raw[4][1]

    @property
    def column(self) -> int:
        """1-based column (in characters) of the primary label's start."""
        return self._raw[4][2]

    @property
    def end_line(self) -> int:
        """1-based line of the primary label's end."""
        return self._raw[4][4]

    @property
    def end_column(self) -> int:
        """1-based column (in characters) of the primary label's end (exclusive)."""
        return self._raw[4][5]

    @property
    def start(self) -> int:
        """Byte offset of the primary label's start in ``report.source_bytes``."""
        return self._raw[4][0]

    @property
    def end(self) -> int:
        """Byte offset of the primary label's end (exclusive)."""
        return self._raw[4][3]

    @property
    def label(self) -> Optional[str]:
        """The primary label's text."""
        return self._raw[4][6]

    @property
    def labels(self) -> tuple[Label, ...]:
        """Every label, the primary first."""
        if self._labels is None:
            self._labels = (Label._of(self._raw[4], True), *(Label._of(s, False) for s in self._raw[5]))
        return self._labels

    @property
    def help(self) -> Optional[str]:
        """How to fix it."""
        return self._raw[6]

    @property
    def fix(self) -> Optional[Fix]:
        """Edits that fix it, when the rule can tell."""
        raw = self._raw[7]
        if raw is not None and self._fix is None:
            title, applicability, edits = raw
            self._fix = Fix(title, "safe" if applicability == "safe" else "unsafe", tuple(Edit(*e) for e in edits))
        return self._fix

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Diagnostic) and self._raw == other._raw

    def __hash__(self) -> int:
        return hash(self._raw)

    def __repr__(self) -> str:
        return f"<Diagnostic {self.severity}[{self.rule}] at {self.line}:{self.column}: {self.message}>"


class SkippedRequest:
    """A request of an HTTP file that was not linted (another endpoint): where it starts and why."""

    __slots__ = ("start", "line", "column", "reason")

    def __init__(self, start: int, line: int, column: int, reason: str) -> None:
        self.start, self.line, self.column, self.reason = start, line, column, reason

    def __repr__(self) -> str:
        return f"SkippedRequest(line={self.line}, reason={self.reason!r})"


class Report(Sequence[Diagnostic]):
    """What a lint found: a sequence of ``Diagnostic`` in source order.

    ``str(report)`` is the command's human report (no colour): each diagnostic with a snippet of
    ``source``. ``has_errors`` says whether the service would reject the request. At most 1000
    diagnostics are kept per input (``omitted`` counts the rest; ``errors``, ``warnings`` and
    ``has_errors`` count them all).
    """

    __slots__ = ("_native", "_source", "_name", "_kind", "_diagnostics")

    def __init__(self, native: _native.Report, source: Optional[str], name: str, kind: Literal["json", "http"]) -> None:
        self._native = native
        self._source = source
        self._name = name
        self._kind = kind
        self._diagnostics: Optional[tuple[Diagnostic, ...]] = None

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every diagnostic kept, in source order."""
        if self._diagnostics is None:
            self._diagnostics = tuple(map(Diagnostic, self._native.diagnostics())) if len(self._native) else ()
        return self._diagnostics

    @property
    def has_errors(self) -> bool:
        """Whether any diagnostic is an error: the service would reject the request."""
        return self._native.errors > 0

    @property
    def errors(self) -> int:
        """How many diagnostics are errors."""
        return self._native.errors

    @property
    def warnings(self) -> int:
        """How many diagnostics are warnings."""
        return self._native.warnings

    @property
    def omitted(self) -> int:
        """Diagnostics found beyond the limit of 1000 per input and not kept."""
        return self._native.omitted

    @property
    def suppressed(self) -> int:
        """Diagnostics silenced by the configuration's ``[[suppress]]`` entries."""
        return self._native.suppressed

    @property
    def source(self) -> str:
        """The JSON text (or HTTP file) that was linted. For a dict or SDK model, the text the
        package serialised. Bytes that are not UTF-8 are shown as U+FFFD here; positions refer
        to ``source_bytes``."""
        if self._source is None:
            self._source = self._native.source.decode("utf-8", "replace")
        return self._source

    @property
    def source_bytes(self) -> bytes:
        """The exact bytes linted, which ``start`` and ``end`` offsets index."""
        return self._native.source

    @property
    def name(self) -> str:
        """The name the input is shown under in ``str(report)``."""
        return self._name

    @property
    def kind(self) -> Literal["json", "http"]:
        """``"json"`` for a request body, ``"http"`` for an HTTP request file."""
        return self._kind

    @property
    def skipped_requests(self) -> tuple[SkippedRequest, ...]:
        """For an HTTP file: its requests to other endpoints, which were not linted."""
        return tuple(SkippedRequest(*s) for s in self._native.skipped())

    def render(self, name: Optional[str] = None) -> str:
        """The command's human report, the input shown as ``name`` (default: ``self.name``)."""
        return self._native.render(self._name if name is None else name)

    def __len__(self) -> int:
        return len(self._native)

    @overload
    def __getitem__(self, index: int) -> Diagnostic: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Diagnostic, ...]: ...

    def __getitem__(self, index: int | slice) -> Diagnostic | tuple[Diagnostic, ...]:
        return self.diagnostics[index]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"<Report {self._name}: {_summary(self.errors, self.warnings)}>"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _summary(errors: int, warnings: int) -> str:
    if errors + warnings == 0:
        return "no problems"
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"


class LintError(ValueError):
    """Raised by ``check`` when the request has errors: the service would reject it.

    ``report`` holds every diagnostic (warnings too); ``str(error)`` is a summary line followed
    by the human report."""

    report: Report

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(f"{report.name}: {_summary(report.errors, report.warnings)}\n\n{report.render()}".rstrip())


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message shows its problems."""


class Rule:
    """A rule: ``id``, default ``severity``, one-line ``summary``, ``fix`` (the most its fix may
    change: ``"safe"``, ``"unsafe"``, or ``None`` when it never offers one), ``page`` (the
    rule's documentation page, Markdown), ``service_errors`` (the error codes the service
    answers when the request is sent anyway, such as ``("SDRS.1305",)``; empty for most rules)
    and ``needs`` (the kinds of inventory response an inventory rule needs to run; empty for
    the rules on the request alone)."""

    __slots__ = ("id", "severity", "summary", "fix", "page", "service_errors", "needs")

    id: str
    severity: SeverityLevel
    summary: str
    fix: Optional[Applicability]
    page: str
    service_errors: tuple[str, ...]
    needs: tuple[InventoryKind, ...]

    def __init__(
        self,
        id: str,
        severity: SeverityLevel,
        summary: str,
        fix: Optional[Applicability],
        page: str,
        service_errors: tuple[str, ...] = (),
        needs: tuple[InventoryKind, ...] = (),
    ) -> None:
        self.id, self.severity, self.summary, self.fix, self.page = id, severity, summary, fix, page
        self.service_errors, self.needs = service_errors, needs

    @property
    def is_inventory_rule(self) -> bool:
        """Whether the rule checks requests against an inventory (it runs only with one)."""
        return bool(self.needs)

    def __repr__(self) -> str:
        return f"<Rule {self.id} ({self.severity})>"


def _make_rules() -> tuple[Rule, ...]:
    made = []
    for id, severity, summary, fix, page, service_errors, needs in _native.rules():
        made.append(
            Rule(
                id,
                "error" if severity == "error" else "warning",
                summary,
                None if fix is None else ("safe" if fix == "safe" else "unsafe"),
                page,
                tuple(service_errors),
                tuple(_inventory_kind(k) for k in needs),
            )
        )
    return tuple(made)


_RULES = _make_rules()
_RULES_BY_ID = {r.id: r for r in _RULES}


def rules() -> tuple[Rule, ...]:
    """Every rule, sorted by id."""
    return _RULES


def _unknown_rule(id: str) -> str:
    message = f"unknown rule {id!r}"
    close = difflib.get_close_matches(id, list(_RULES_BY_ID), n=1)
    if close:
        message += f"; did you mean {close[0]!r}?"
    return message


def rule(id: str) -> Rule:
    """The rule with id ``id``; ``KeyError`` (with a did-you-mean) for an unknown id."""
    try:
        return _RULES_BY_ID[id]
    except KeyError:
        raise KeyError(_unknown_rule(id)) from None


_LEVELS = {"error": "error", "warning": "warning", "warn": "warning", "off": "off"}
_DEFAULT_SETTINGS = _native.Settings([])
_settings_cache: dict[object, _native.Settings] = {}
_settings_lock = threading.Lock()


def _settings(config: Optional[ConfigPath], severities: Optional[Severities]) -> _native.Settings:
    if config is None and not severities:
        return _DEFAULT_SETTINGS
    pairs: list[tuple[str, str]] = []
    if severities:
        if not isinstance(severities, Mapping):
            raise TypeError(f"severities must be a mapping of rule id to level, not {type(severities).__name__}")
        for id, level in severities.items():
            if not isinstance(id, str) or not isinstance(level, str):
                raise TypeError(f"severities maps rule ids (str) to levels (str); got {id!r}: {level!r}")
            if id not in _RULES_BY_ID:
                raise ValueError(_unknown_rule(id) + " in severities")
            if level not in _LEVELS:
                raise ValueError(f"severity of {id!r} must be 'error', 'warning' (or 'warn') or 'off', not {level!r}")
            pairs.append((id, _LEVELS[level]))
    file: Optional[tuple[str, int, int]] = None
    path = ""
    if config is not None:
        path = os.fspath(config)
        if not isinstance(path, str):
            raise TypeError("config must be a path (str or os.PathLike[str])")
        stat = os.stat(path)
        file = (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)
    key = (file, tuple(pairs))
    with _settings_lock:
        cached = _settings_cache.get(key)
    if cached is not None:
        return cached
    config_text = None
    if config is not None:
        with open(path, "rb") as f:
            data = f.read()
        try:
            config_text = (path, data.decode("utf-8"))
        except UnicodeDecodeError as e:
            raise ConfigError(f"{path}: the configuration is not UTF-8 text ({e})") from None
    try:
        settings = _native.Settings(pairs, config_text)
    except ValueError as e:
        raise ConfigError(f"{path}: the configuration cannot be used:\n\n{e}".rstrip()) from None
    if settings.config_warning:
        warnings.warn(f"{path} has problems (used anyway):\n\n{settings.config_warning}".rstrip(), stacklevel=3)
    with _settings_lock:
        if len(_settings_cache) >= 64:
            _settings_cache.clear()
        _settings_cache[key] = settings
    return settings


def _text(body: object) -> tuple[str | bytes, Optional[str]]:
    """The text to lint, and the ``str`` to show as the report's source when known."""
    if isinstance(body, str):
        return body, body
    if isinstance(body, bytes):
        return body, None
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body), None
    if is_request(body):
        # The SDK client sends the request's `body`: a model or dict is serialised, text as it is,
        # and no body at all when it is None (which the service rejects: linted as empty).
        inner = getattr(body, "body", None)
        if inner is None:
            return "", ""
        if isinstance(inner, (str, bytes, bytearray, memoryview)):
            return _text(inner)
        body = inner
    if isinstance(body, (Mapping, list, tuple)) or is_model(body):
        text = to_json(body)
        return text.encode("utf-8"), text
    raise TypeError(
        "body must be the JSON text (str or bytes), a dict (or any Mapping) or a Huawei Cloud SDK "
        f"request model, not {type(body).__name__}"
    )


def lint(
    body: Body,
    *,
    inventory: Optional[InventoryLike] = None,
    config: Optional[ConfigPath] = None,
    severities: Optional[Severities] = None,
    name: Optional[str] = None,
) -> Report:
    """Lint a create-protected-instance request body; return a ``Report`` (never raises for
    what the body holds: bad JSON, bad UTF-8 and every broken member are diagnostics).

    ``body``: the JSON text (``str`` or ``bytes``), a ``dict`` (or any ``Mapping``), or a
    Huawei Cloud SDK model: ``CreateProtectedInstanceRequestBody``, or the
    ``CreateProtectedInstanceRequest`` holding it as ``.body``. A dict or model is linted as the
    JSON the SDK sends (``sanitize_for_serialization``: wire names such as ``flavorRef``, unset
    members left out), pretty-printed with two-space indents; ``report.source`` holds that text
    and positions refer to it. Values JSON cannot hold raise ``TypeError`` (a ``set``, a tuple
    key, an arbitrary object) or ``ValueError`` (NaN, infinities, non-UTF-8 ``bytes``, circular
    references, nesting deeper than Python's recursion limit), as the SDK would refuse them.

    ``severities``: rule id -> ``"error"``, ``"warning"`` (or ``"warn"``) or ``"off"``, for this
    call (``ValueError`` for an unknown id or level). ``config``: the path of an
    ``sdrs-lint.toml`` whose ``[rules]`` severities apply (``severities`` win over them) and
    whose ``[[suppress]]`` entries without ``paths`` silence findings (entries with ``paths``
    name files and do not apply to a body given here); a file with mistakes raises
    ``ConfigError``. ``name``: how ``str(report)`` names the input (default ``"<request>"``).

    ``inventory``: check the request against the state of the cloud too, from saved responses
    of its list APIs (the inventory rules run, each when the inventory holds the kinds of
    response it needs): an ``Inventory``; a path or a list of paths (``str`` or
    ``os.PathLike``; files, or directories standing for every ``*.json`` below them), loaded
    as ``Inventory.load`` does and kept until one of the files changes, so a loop does not read
    them again; or a mapping of name -> response, as ``Inventory.from_responses`` takes (made
    again on every call: make an ``Inventory`` once to lint many requests). An inventory that
    cannot be used raises ``InventoryError``. A finding of an inventory rule has a label in the
    inventory file (``label.path``), and ``str(report)`` shows it as the command does
    (``= note: inventory: PATH:LINE:COL``).

    The GIL is released while the engine runs.
    """
    settings = _DEFAULT_SETTINGS if config is None and not severities else _settings(config, severities)
    engine_inventory = None if inventory is None else _resolve_inventory(inventory)
    # The common cases first: this path is the whole cost of the call beyond the engine's.
    text: str | bytes
    source: Optional[str]
    if isinstance(body, str):
        text = source = body
    elif isinstance(body, bytes):
        text, source = body, None
    else:
        text, source = _text(body)
    report = settings.lint(text, False, engine_inventory)
    return Report(report, source, _DEFAULT_NAME if name is None else name, "json")


def lint_http(
    text: str | bytes,
    *,
    inventory: Optional[InventoryLike] = None,
    config: Optional[ConfigPath] = None,
    severities: Optional[Severities] = None,
    name: Optional[str] = None,
) -> Report:
    """Lint an HTTP request file (``.http``, ``.rest``), as ``sdrs-lint`` does a file of that
    name: the request line (``request-line``, ``project-id``) and body of every
    create-protected-instance request in it, with positions in the file. Requests to other
    endpoints are listed in ``report.skipped_requests``. Other parameters as for ``lint``."""
    settings = _settings(config, severities)
    engine_inventory = None if inventory is None else _resolve_inventory(inventory)
    if isinstance(text, (bytearray, memoryview)):
        text = bytes(text)
    if not isinstance(text, (str, bytes)):
        raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
    source = text if isinstance(text, str) else None
    report = settings.lint(text, True, engine_inventory)
    return Report(report, source, _DEFAULT_NAME if name is None else name, "http")


def check(
    body: Body,
    *,
    inventory: Optional[InventoryLike] = None,
    config: Optional[ConfigPath] = None,
    severities: Optional[Severities] = None,
    name: Optional[str] = None,
) -> Report:
    """Lint ``body`` as ``lint`` does and raise ``LintError`` (a ``ValueError``, carrying
    ``.report``) when any diagnostic is an error: the service would reject the request.
    Warnings alone do not raise. Returns the report otherwise. Put it just before sending::

        sdrs_lint.check(request)
        client.create_protected_instance(request)
    """
    report = lint(body, inventory=inventory, config=config, severities=severities, name=name)
    if report.has_errors:
        raise LintError(report)
    return report
