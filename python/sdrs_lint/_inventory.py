"""The inventory: saved responses of the cloud's list APIs, for the rules that check a request
against the state of the cloud (``docs/inventory.md`` in the repository).

Files are read here, in Python (the same files, in the same order, as ``sdrs-lint
--inventory PATH``); the engine parses them once into an immutable native value that every
lint shares.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, NamedTuple, NoReturn, Optional, Union, cast, get_args

from . import _native
from ._serialize import SdkModel, is_model, to_json

__all__ = [
    "Duplicate",
    "Inventory",
    "InventoryError",
    "InventoryFile",
    "InventoryKind",
    "InventoryLike",
    "Response",
    "resolve",
]

InventoryKind = Literal[
    "server_groups",
    "server_group",
    "protected_instances",
    "servers",
    "volumes",
    "subnets",
    "ports",
    "keypairs",
    "flavors",
    "dedicated_hosts",
]
"""What an inventory file holds, named by its top-level member (``server_group`` is one
protection group's details; it counts as ``server_groups``)."""

_KINDS: tuple[InventoryKind, ...] = get_args(InventoryKind)

Path = Union[str, "os.PathLike[str]"]
"""A file or directory path."""

Response = Union[str, bytes, bytearray, memoryview, Mapping[str, object], SdkModel]
"""One saved response body: its JSON text (``str`` or ``bytes``), the parsed body (a ``dict``),
or a Huawei Cloud SDK response model (such as ``ListServerGroupsResponse``)."""

Responses = Union[Mapping[str, Response], Iterable[tuple[str, Response]]]
"""Name -> response, as a mapping or as ``(name, response)`` pairs."""

InventoryLike = Union["Inventory", Path, Sequence[Path], Mapping[str, Response]]
"""What ``inventory=`` accepts: an ``Inventory``, a path or a list of paths (files or
directories), or a mapping of name -> response."""


def _one_line(text: str) -> str:
    """``text`` on one line, as the command writes names and reasons: control, format and
    line-separator characters shown as ``\\u{1b}``."""
    return text if text.isprintable() else _native.one_line(text)


def _kind(name: str) -> InventoryKind:
    for kind in _KINDS:
        if kind == name:
            return kind
    raise AssertionError(f"the engine named an unknown inventory kind {name!r}")  # pragma: no cover


class InventoryFile(NamedTuple):
    """A file of an inventory: the ``name`` diagnostics show for it, its ``kind`` (the response's
    top-level member) and how many ``elements`` it held (one for a detail response)."""

    name: str
    kind: InventoryKind
    elements: int


class Duplicate(NamedTuple):
    """An ID found in two elements of one ``kind``: the element in file ``used`` (the later
    file) is the one the rules read; the one in ``ignored`` is not."""

    kind: InventoryKind
    id: str
    used: str
    ignored: str


class InventoryError(ValueError):
    """An inventory that cannot be used: a file that is not JSON or not a known response, a
    path that cannot be read. ``problems`` lists every one (one line each, as ``sdrs-lint``
    says them); ``str(error)`` is those lines."""

    problems: list[str]

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class Inventory:
    """Saved response bodies of the cloud's read-only list APIs (protection groups, protected
    instances, servers, disks, subnets, ports, key pairs, flavors, dedicated hosts), read once.

    Make one with ``Inventory.load(*paths)`` (files and directories, as ``sdrs-lint
    --inventory``) or ``Inventory.from_responses(...)`` (bodies already in memory), and pass it
    as ``inventory=`` to ``lint``, ``lint_http`` or ``check``: the inventory rules then run
    (each only when the inventory holds the kinds of response it needs; ``rules_not_run`` names
    the others). An inventory is immutable and can be shared by any number of lints and threads;
    passing it costs nothing (the engine's value is shared, not copied).

    - ``files``: the files read (``InventoryFile``: ``name``, ``kind``, ``elements``), in order.
    - ``counts``: kind -> distinct elements, for the kinds held (a ``server_group`` detail
      response counts under ``server_groups``); ``kinds``: those kinds.
    - ``duplicates``: IDs found twice (``Duplicate``: ``kind``, ``id``, ``used``, ``ignored``);
      the later file wins.
    - ``rules_not_run``: kind missing -> the rules that do not run for want of it.
    - ``paths``: the paths it was loaded from, or ``None`` when made from responses.

    ``repr`` sums it up: ``<Inventory inventory: 9 files, server_groups=3, ...>``.
    """

    __slots__ = ("_value", "_files", "_duplicates", "_counts", "_paths")

    _value: _native.Inventory
    _files: tuple[InventoryFile, ...]
    _duplicates: tuple[Duplicate, ...]
    _counts: dict[InventoryKind, int]
    _paths: Optional[tuple[str, ...]]

    def __init__(self) -> None:
        raise TypeError("use Inventory.load(*paths) or Inventory.from_responses(responses) to make an inventory")

    @classmethod
    def _make(cls, native: _native.Inventory, paths: Optional[tuple[str, ...]]) -> Inventory:
        self = object.__new__(cls)
        files = tuple(InventoryFile(name, _kind(kind), n) for name, kind, n in native.files())
        duplicates = tuple(Duplicate(_kind(k), id, used, ignored) for k, id, used, ignored in native.duplicates())
        counts = {_kind(k): n for k, n in native.counts()}
        for attribute, value in (
            ("_value", native),
            ("_files", files),
            ("_duplicates", duplicates),
            ("_counts", counts),
            ("_paths", paths),
        ):
            object.__setattr__(self, attribute, value)
        return self

    @classmethod
    def load(cls, *paths: Path) -> Inventory:
        """Reads the inventory made of ``paths``: each a JSON file, or a directory standing for
        every ``*.json`` file below it (recursively, symbolic links not followed), in path order,
        exactly as ``sdrs-lint --inventory PATH`` does. Each file is named as the command names
        it: its path relative to the current directory when it is below it, else absolute.

        Raises ``InventoryError`` listing every problem (a path that cannot be read, a file that
        is not JSON or not a known response) and ``TypeError`` for a path that is not ``str``
        or ``os.PathLike[str]``."""
        if not paths:
            raise TypeError("Inventory.load() needs at least one path")
        roots = _roots(paths)
        files, problems = _walk(roots)
        if problems:
            raise InventoryError(problems)
        return _read_paths(files, tuple(_display(r) for r in roots))

    @classmethod
    def from_responses(cls, responses: Responses) -> Inventory:
        """An inventory of response bodies already in memory: a mapping of name -> response or
        an iterable of ``(name, response)`` pairs, read in that order (when an ID repeats, the
        later response wins). The name is what diagnostics show as the inventory file.

        A response is the body's JSON text (``str`` or ``bytes``, read as it is), the parsed body
        (a ``dict`` or other mapping, written as ``json.dumps(response, indent=2)``: label
        positions are lines and columns of that text), or a Huawei Cloud SDK response model
        (``ListServerGroupsResponse``, ``ListProtectedInstancesResponse``...; written as the
        service's JSON: wire names, unset members left out, with two-space indents).

        Raises ``InventoryError`` listing every response that is not JSON or not a known kind,
        and ``TypeError`` for a name that is not ``str`` or a response of another type."""
        if isinstance(responses, Mapping):
            pairs: Iterable[object] = responses.items()
        elif isinstance(responses, (str, bytes, bytearray, memoryview)) or not isinstance(responses, Iterable):
            raise TypeError(
                "responses must be a mapping of name -> response or an iterable of (name, response) pairs, "
                f"not {type(responses).__name__}"
            )
        else:
            pairs = responses
        files: list[tuple[str, bytes]] = []
        problems: list[str] = []
        for pair in pairs:
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise TypeError(f"responses must be (name, response) pairs, not {pair!r:.80}")
            name, response = cast("Sequence[object]", pair)
            if not isinstance(name, str):
                raise TypeError(f"a response's name must be a str, not {type(name).__name__}")
            if isinstance(response, str):
                files.append((name, response.encode("utf-8", "surrogatepass")))
            elif isinstance(response, (bytes, bytearray, memoryview)):
                files.append((name, bytes(response)))
            elif isinstance(response, Mapping) or is_model(response):
                try:
                    if isinstance(response, Mapping):
                        text = json.dumps(response if isinstance(response, dict) else dict(response), indent=2)
                    else:
                        text = to_json(response)
                except (TypeError, ValueError, RecursionError) as e:
                    problems.append(f"inventory file {_one_line(name)}: cannot be written as JSON: {_one_line(str(e))}")
                else:
                    files.append((name, text.encode("utf-8")))
            else:
                raise TypeError(
                    "a response must be its JSON text (str or bytes), the parsed body (a dict) or a Huawei "
                    f"Cloud SDK response model, not {type(response).__name__} (response {name!r})"
                )
        native, errors = _native.Inventory.read(files)
        if problems or errors:
            raise InventoryError([*problems, *errors])
        return cls._make(native, None)

    @property
    def files(self) -> list[InventoryFile]:
        """The files read, in order: ``name``, ``kind``, ``elements``."""
        return list(self._files)

    @property
    def duplicates(self) -> list[Duplicate]:
        """The IDs found in two elements of one kind; the element of the later file is used."""
        return list(self._duplicates)

    @property
    def counts(self) -> dict[InventoryKind, int]:
        """Kind -> how many distinct elements (by ID) the inventory holds, for each kind it holds
        (``server_group`` detail responses count under ``server_groups``)."""
        return dict(self._counts)

    @property
    def kinds(self) -> tuple[InventoryKind, ...]:
        """The kinds of response the inventory holds, in the documentation's order
        (``server_group`` counts as ``server_groups``)."""
        return tuple(self._counts)

    @property
    def paths(self) -> Optional[tuple[str, ...]]:
        """The paths it was loaded from (as the command shows them), or ``None`` when made from
        responses."""
        return self._paths

    @property
    def rules_not_run(self) -> dict[InventoryKind, tuple[str, ...]]:
        """Kind the inventory lacks -> the inventory rules that do not run for want of it (a
        rule lacking several kinds is listed under each), as ``sdrs-lint inventory`` says."""
        missing: dict[InventoryKind, tuple[str, ...]] = {}
        for kind in _KINDS:
            if kind == "server_group" or kind in self._counts:
                continue
            missing[kind] = tuple(r[0] for r in _native.rules() if kind in r[6])
        return missing

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"Inventory is immutable (cannot set {name!r})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"Inventory is immutable (cannot delete {name!r})")

    def __reduce__(self) -> NoReturn:
        raise TypeError("an Inventory cannot be pickled: load it again where it is needed")

    def __copy__(self) -> Inventory:
        return self

    def __deepcopy__(self, memo: object) -> Inventory:
        return self

    def __repr__(self) -> str:
        where = f" {', '.join(self._paths)}" if self._paths else ""
        n = len(self._files)
        held = ", ".join(f"{kind}={count}" for kind, count in self._counts.items()) or "nothing"
        duplicates = f", {len(self._duplicates)} duplicate IDs" if self._duplicates else ""
        return f"<Inventory{where}: {n} file{'' if n == 1 else 's'}, {held}{duplicates}>"


def _roots(paths: Iterable[object]) -> list[str]:
    """Each path made absolute, ``.`` and ``..`` resolved by name, as the command does."""
    roots = []
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"an inventory path must be a str or os.PathLike[str], not {type(path).__name__}")
        text = os.fspath(path)
        if not isinstance(text, str):
            raise TypeError("an inventory path must be a str or os.PathLike[str], not bytes")
        roots.append(os.path.abspath(text))
    return roots


def _display(absolute: str) -> str:
    """How the command shows a path: relative to the current directory when below it."""
    try:
        cwd = os.getcwd()
    except OSError:
        return absolute
    prefix = cwd if cwd.endswith(os.sep) else cwd + os.sep
    if absolute.startswith(prefix):
        return absolute[len(prefix) :]
    return absolute


def _has_json_extension(name: str) -> bool:
    """Whether Rust's ``Path::extension`` of ``name`` is ``json`` in any ASCII letter case (a
    name starting with its only dot, such as ``.json``, has no extension)."""
    if name == "..":
        return False
    before, dot, after = name.rpartition(".")
    return bool(dot) and before != "" and after.isascii() and after.lower() == "json"


_FS_ENCODING = sys.getfilesystemencoding()
_FS_ERRORS = sys.getfilesystemencodeerrors()


def _name_key(entry: os.DirEntry[str]) -> bytes:
    """A directory entry's name as bytes: Rust orders paths component by component, each
    compared as bytes."""
    return entry.name.encode(_FS_ENCODING, _FS_ERRORS)


def _walk(roots: Sequence[str]) -> tuple[list[str], list[str]]:
    """The files ``roots`` stand for (each a file, or every ``*.json`` file below a directory,
    symbolic links not followed, in path order), and the problems of the roots that cannot be
    read: ``sdrs-lint``'s ``files_of``."""
    files: list[str] = []
    problems: list[str] = []
    for root in roots:
        found: list[str] = []
        try:
            try:
                _walk_dir(root, found)
            except NotADirectoryError:
                if stat.S_ISDIR(os.stat(root).st_mode):  # pragma: no cover (a directory that just changed)
                    raise
                found = [root]
        except OSError as e:
            problems.append(f"cannot read the inventory {_one_line(_display(root))}: {_one_line(e.strerror or str(e))}")
            continue
        files.extend(found)
    return files, problems


def _walk_dir(directory: str, found: list[str]) -> None:
    """Appends the ``*.json`` files below ``directory`` to ``found``, in path order: each
    directory's entries sorted by name, a subdirectory's files where its name sorts."""
    with os.scandir(directory) as it:
        entries = sorted(it, key=_name_key)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk_dir(entry.path, found)
        elif entry.is_file(follow_symlinks=False) and _has_json_extension(entry.name):
            found.append(entry.path)


def _read_paths(files: Sequence[str], paths: tuple[str, ...]) -> Inventory:
    contents: list[tuple[str, bytes]] = []
    problems: list[str] = []
    for file in files:
        try:
            with open(file, "rb") as f:
                contents.append((_display(file), f.read()))
        except OSError as e:
            problems.append(f"inventory file {_one_line(_display(file))}: {_one_line(e.strerror or str(e))}")
    native, errors = _native.Inventory.read(contents)
    if problems or errors:
        raise InventoryError([*errors, *problems])
    return Inventory._make(native, paths)


_Stamp = tuple[tuple[str, int, int], ...]
_cache: dict[tuple[str, tuple[str, ...]], tuple[_Stamp, Inventory]] = {}
_cache_lock = threading.Lock()


def _cached(paths: Sequence[object]) -> Inventory:
    """The inventory made of ``paths``, read again only when one of its files changed (size or
    modification time), was added or was removed."""
    roots = _roots(paths)
    if not roots:
        raise ValueError("inventory= is an empty list of paths")
    files, problems = _walk(roots)
    if problems:
        raise InventoryError(problems)
    stamp: list[tuple[str, int, int]] = []
    for file in files:
        try:
            st = os.stat(file)
        except OSError:
            stamp.append((file, -1, -1))
        else:
            stamp.append((file, st.st_size, st.st_mtime_ns))
    try:
        cwd = os.getcwd()
    except OSError:
        cwd = ""
    key = (cwd, tuple(roots))
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and cached[0] == tuple(stamp):
        return cached[1]
    inventory = _read_paths(files, tuple(_display(r) for r in roots))
    with _cache_lock:
        if len(_cache) >= 16 and key not in _cache:
            _cache.clear()
        _cache[key] = (tuple(stamp), inventory)
    return inventory


def resolve(inventory: object) -> _native.Inventory:
    """The engine's inventory for what ``inventory=`` was given."""
    if isinstance(inventory, Inventory):
        return inventory._value
    if isinstance(inventory, (str, os.PathLike)):
        return _cached([inventory])._value
    if isinstance(inventory, Mapping):
        return Inventory.from_responses(inventory)._value
    if isinstance(inventory, (list, tuple)) and all(isinstance(p, (str, os.PathLike)) for p in inventory):
        return _cached(inventory)._value
    raise TypeError(
        "inventory must be an sdrs_lint.Inventory, a path or a list of paths (str or os.PathLike[str]), "
        f"or a mapping of name -> response, not {type(inventory).__name__}"
    )
