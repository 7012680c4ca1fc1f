"""The JSON text the Huawei Cloud SDK sends for a request body, pretty-printed.

The SDK (``huaweicloudsdkcore``) sends a body model as
``simplejson.dumps(http_utils.sanitize_for_serialization(body), use_decimal=True)``
(``huaweicloudsdkcore.client.Client._parse_body``), where ``sanitize_for_serialization``:

- keeps ``None``, ``float``, ``bool``, ``bytes``, ``str``, ``int`` and ``decimal.Decimal`` as
  they are; turns a ``list`` into a list and a ``tuple`` into a tuple of sanitised items, and a
  ``datetime``/``date`` into its ``isoformat()``;
- keeps a ``dict``'s keys and sanitises its values (a ``None`` value stays: ``null`` is sent);
- turns any other object (a model) into
  ``{obj.attribute_map[attr]: getattr(obj, attr) for attr in obj.openapi_types
  if getattr(obj, attr) is not None}``, sanitised in turn: wire names (``flavorRef``, not
  ``flavor_ref``), unset members left out, members in ``openapi_types`` order;

and ``simplejson.dumps`` (4.x defaults): writes ``bytes`` as their UTF-8 text (failing on other
bytes), a ``Decimal`` as its ``str``, refuses ``NaN`` and infinities (``ValueError``), turns
``int``, ``float``, ``bool`` and ``None`` keys into strings (``1`` -> ``"1"``, ``True`` ->
``"true"``, ``None`` -> ``"null"``) and refuses other keys (``TypeError``), refuses other
objects (``TypeError``; a ``set`` reaches ``sanitize_for_serialization``'s model branch and
fails there).

``to_json`` reproduces that walk and those choices, writing the text itself with two-space
indents so that snippets read well. Only the layout differs from the bytes the SDK sends (which
are on one line, non-ASCII characters escaped): the same members, names, order and values, so
the same diagnostics. A string with a lone surrogate is escaped (``\\ud800``) as the SDK does,
and linted as such. Lenient where the SDK would crash: any ``Mapping`` is written as an object.
"""

from __future__ import annotations

import datetime
import decimal
import math
from collections.abc import Mapping
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any, Callable, Protocol

__all__ = ["SdkModel", "to_json", "is_model", "is_request"]


class SdkModel(Protocol):
    """A Huawei Cloud SDK model: a class with ``openapi_types`` and ``attribute_map``."""

    @property
    def openapi_types(self) -> Mapping[str, str]: ...

    @property
    def attribute_map(self) -> Mapping[str, str]: ...


def is_model(obj: object) -> bool:
    """Whether ``obj`` is a Huawei Cloud SDK model (it has ``openapi_types`` and ``attribute_map``)."""
    cls = type(obj)
    return isinstance(getattr(cls, "openapi_types", None), Mapping) and isinstance(
        getattr(cls, "attribute_map", None), Mapping
    )


def is_request(obj: object) -> bool:
    """Whether ``obj`` is an SDK request model holding its body as ``.body``
    (``CreateProtectedInstanceRequest``): the SDK client sends that body."""
    return is_model(obj) and "body" in type(obj).openapi_types  # type: ignore[attr-defined]


def _pointer(path: list[str]) -> str:
    return "".join("/" + token.replace("~", "~0").replace("/", "~1") for token in path) or "(the root)"


def _key(key: object, path: list[str]) -> str:
    """A member name as simplejson writes it."""
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        if not math.isfinite(key):
            raise ValueError(f"out of range float key {key!r} is not JSON compliant (in {_pointer(path)})")
        return float.__repr__(key)
    if isinstance(key, decimal.Decimal):
        return str(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__} (in {_pointer(path)})")


class _Writer:
    __slots__ = ("out", "path", "active", "enc")

    def __init__(self, ascii: bool) -> None:
        self.out: list[str] = []
        self.path: list[str] = []
        self.active: set[int] = set()
        self.enc: Callable[[str], str] = encode_basestring_ascii if ascii else encode_basestring

    def members(self, items: Any, depth: int, owner: object) -> None:
        """Writes an object of ``(name, value)`` pairs."""
        out = self.out
        if id(owner) in self.active:
            raise ValueError(f"circular reference detected at {_pointer(self.path)}")
        self.active.add(id(owner))
        inner = "\n" + "  " * (depth + 1)
        first = True
        for name, value in items:
            out.append(("{" if first else ",") + inner)
            first = False
            name = _key(name, self.path)
            out.append(self.enc(name))
            out.append(": ")
            self.path.append(name)
            self.value(value, depth + 1)
            self.path.pop()
        out.append("{}" if first else "\n" + "  " * depth + "}")
        self.active.discard(id(owner))

    def value(self, o: object, depth: int) -> None:
        out = self.out
        if o is None:
            out.append("null")
        elif isinstance(o, str):
            out.append(self.enc(o))
        elif o is True:
            out.append("true")
        elif o is False:
            out.append("false")
        elif isinstance(o, int):
            out.append(int.__repr__(o))
        elif isinstance(o, float):
            if not math.isfinite(o):
                raise ValueError(
                    f"out of range float value {o!r} is not JSON compliant (at {_pointer(self.path)}); "
                    "the SDK refuses to send it"
                )
            out.append(float.__repr__(o))
        elif isinstance(o, dict):
            self.members(o.items(), depth, o)
        elif isinstance(o, (list, tuple)):
            if id(o) in self.active:
                raise ValueError(f"circular reference detected at {_pointer(self.path)}")
            self.active.add(id(o))
            inner = "\n" + "  " * (depth + 1)
            first = True
            for i, item in enumerate(o):
                out.append(("[" if first else ",") + inner)
                first = False
                self.path.append(str(i))
                self.value(item, depth + 1)
                self.path.pop()
            out.append("[]" if first else "\n" + "  " * depth + "]")
            self.active.discard(id(o))
        elif is_model(o):
            cls: Any = type(o)
            names = cls.attribute_map
            attrs = ((names[attr], getattr(o, attr)) for attr in cls.openapi_types)
            self.members(((name, v) for name, v in attrs if v is not None), depth, o)
        elif isinstance(o, bytes):
            try:
                text = o.decode("utf-8")
            except UnicodeDecodeError as e:
                raise ValueError(f"bytes at {_pointer(self.path)} are not UTF-8: {e}") from None
            out.append(self.enc(text))
        elif isinstance(o, decimal.Decimal):
            if not o.is_finite():
                raise ValueError(f"{o!r} at {_pointer(self.path)} is not JSON compliant")
            out.append(str(o))
        elif isinstance(o, (datetime.datetime, datetime.date)):
            out.append(self.enc(o.isoformat()))
        elif isinstance(o, Mapping):
            self.members(o.items(), depth, o)
        else:
            raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable (at {_pointer(self.path)})")


def to_json(body: object) -> str:
    """The JSON text of ``body`` as the SDK would send it, with two-space indents.

    Raises ``TypeError`` for what JSON cannot hold (a ``set``, an object that is not a model, a
    tuple key) and ``ValueError`` for NaN and infinities, non-UTF-8 ``bytes``, circular
    references and nesting deeper than Python's recursion limit; each message names the JSON
    Pointer of the offending value.
    """
    for ascii in (False, True):
        writer = _Writer(ascii)
        try:
            writer.value(body, 0)
        except RecursionError:
            raise ValueError(
                f"the body is nested too deeply to serialise (beyond {_pointer(writer.path[:8])}...: "
                "more levels than Python's recursion limit; a request needs 4)"
            ) from None
        text = "".join(writer.out)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate: the SDK (ASCII output) sends it as an escape.
            continue
        return text
    return text
