"""What the toolkit may read: the triples folder's files, each parser call bounded, and source texts.

Input folders may come from someone else, so reading them must not reach outside them:

* :func:`scan_triples` walks the triples folder and names every entry it cannot use
  instead of skipping it: a folder or file that cannot be read, a symlink that leaves
  the folder, a FIFO, socket or device file;
* :func:`guarded_parse` wraps every parser call: the file must be under
  :data:`MAX_FILE_BYTES`; a JSON-LD file may only carry inline ``@context`` objects (a
  context named by IRI or file name, or an ``@import``, would be fetched or read by
  rdflib); an RDF/XML file may declare no entity (``<!ENTITY …>``: an external one reads
  another file or URL, nested internal ones expand without bound) and reference no
  external DTD, checked with ``defusedxml`` before the real parser runs; the parse is
  stopped after :data:`PARSE_SECONDS` (in the main thread) and any network access while
  it runs is refused (a Python audit hook on ``socket.connect`` and ``urllib.Request``);
* :func:`source_path` resolves a ``kg:sourceFile`` inside the sources folder only.

The bounds come from ``$KG_MAX_FILE_BYTES`` and ``$KG_PARSE_SECONDS`` when set.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "a.ttl").write_text("")
>>> files, problems = scan_triples(root)
>>> [p.name for p in files], problems
(['a.ttl'], [])
>>> source_path(root, "../etc/passwd")
Traceback (most recent call last):
...
graph.errors.KGError: kg:sourceFile '../etc/passwd' is not inside the sources folder ...
"""

from __future__ import annotations

import contextvars
import json
import os
import stat
import sys
from contextlib import contextmanager
from pathlib import Path

from .errors import KGError, LoadError

__all__ = ["MAX_FILE_BYTES", "PARSE_SECONDS", "scan_triples", "guarded_parse", "source_path", "read_source",
           "read_text_file"]

MAX_FILE_BYTES = int(os.environ.get("KG_MAX_FILE_BYTES") or 1 << 30)
"""Largest triples or source file read (1 GiB; ``$KG_MAX_FILE_BYTES``)."""
PARSE_SECONDS = float(os.environ.get("KG_PARSE_SECONDS") or 600)
"""Longest a single file's parse may run (``$KG_PARSE_SECONDS``; the 1M-triple graph's
files parse in a few seconds each)."""

SKIP_DIRS = {"queries", "rules", "shapes", "coverage", "sources"}
SKIP_FILES = {"shapes.ttl"}  # SHACL shapes: read by `kg check`, not data


# file suffix -> rdflib parser name: the files a triples folder holds
FORMATS = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def scan_triples(root, suffixes=None) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The data files under ``root`` (sorted) and the problems met on the way:
    ``[(path, message)]`` for every entry that would otherwise be skipped silently.

    Data files are those whose suffix is in ``suffixes`` (default: the parsers' formats),
    outside the ``queries/``, ``rules/``, ``shapes/``, ``coverage/`` and ``sources/``
    folders, ``shapes.ttl`` and dot-names. A symlink is followed only if it stays inside
    ``root``."""
    suffixes = FORMATS if suffixes is None else suffixes
    root = Path(root)
    real_root = root.resolve()
    files, problems, seen = [], [], {real_root}

    def inside(target: Path) -> bool:
        return target == real_root or real_root in target.parents

    def walk(folder: Path, rel: tuple) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append((folder, f"cannot read this folder: {exc.strerror or exc}; nothing in it was checked"))
            return
        for entry in entries:
            path, parts = folder / entry.name, rel + (entry.name,)
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_symlink():
                    target = path.resolve()
                    if not inside(target):
                        problems.append((path, f"symlink leaves the triples folder (it points to {target}); "
                                               "copy the file in instead"))
                        continue
                    if not target.exists():
                        problems.append((path, f"broken symlink (it points to {target})"))
                        continue
                mode = path.stat().st_mode  # follows a symlink that stays inside
            except OSError as exc:
                problems.append((path, f"cannot read: {exc.strerror or exc}"))
                continue
            if stat.S_ISDIR(mode):
                real = path.resolve()
                if real in seen or entry.name in SKIP_DIRS:
                    continue
                seen.add(real)
                walk(path, parts)
            elif not stat.S_ISREG(mode):
                problems.append((path, f"{_kind(mode)}, not a file: remove it from the triples folder"))
            elif path.suffix in suffixes and "/".join(parts) not in SKIP_FILES:
                if not os.access(path, os.R_OK):
                    problems.append((path, "cannot read: permission denied"))
                    continue
                files.append(path)

    walk(root, ())
    return sorted(files), problems


# --------------------------------------------------------------------------- one parser call

_PARSING: contextvars.ContextVar = contextvars.ContextVar("kg_parsing", default=None)
_HOOKED = False


def _audit(event: str, args) -> None:
    path = _PARSING.get()
    if path is not None and event in ("socket.connect", "urllib.Request"):
        what = args[1] if event == "socket.connect" else args[0]
        raise LoadError(path, None, f"the parser tried to reach the network ({what}); input files may "
                                    "not fetch anything: inline what it refers to")


def _install_hook() -> None:
    global _HOOKED
    if not _HOOKED:  # an audit hook cannot be removed; it only acts while a parse is guarded
        sys.addaudithook(_audit)
        _HOOKED = True


class _Overtime(BaseException):
    """Raised by the alarm inside a parser; BaseException so that a parser's own
    ``except Exception`` cannot swallow it."""


@contextmanager
def _deadline(seconds: float):
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield  # alarms reach the main thread only; the size bound still holds
        return

    def ring(signum, frame):
        raise _Overtime

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _check_jsonld(path: Path) -> None:
    try:
        doc = json.loads(path.read_bytes())
    except ValueError:
        return  # malformed JSON: the parser says where
    stack = [(doc, "")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, list):
            stack.extend((x, where) for x in node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            raise LoadError(path, None, f"JSON-LD @context {ctx!r} names a context to fetch or read; "
                                                        "only inline @context objects are read (copy the context into the file)")
                elif key == "@import":
                    raise LoadError(path, None, f"JSON-LD @import {value!r} names a context to fetch or read; "
                                                "only inline @context objects are read (copy the context into the file)")
                stack.append((value, key))


def _check_xml(path: Path) -> None:
    """Refuse entity declarations and external DTDs, with defusedxml's expat reader."""
    import xml.sax

    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.sax import parse

    try:
        parse(str(path), xml.sax.ContentHandler(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        kind = f"external, {exc.sysid}" if exc.sysid else "internal"
        raise LoadError(path, _line_of(path, f"<!ENTITY"), f"RDF/XML entity declaration <!ENTITY {exc.name}> ({kind}) "
                        "is refused: an entity can read another file or expand without bound; write its text out") from None
    except (ExternalReferenceForbidden, DTDForbidden) as exc:
        raise LoadError(path, _line_of(path, "<!DOCTYPE"), f"RDF/XML external DTD or entity reference is refused "
                        f"({getattr(exc, 'sysid', '') or exc}): input files may not read anything else") from None
    except xml.sax.SAXException:
        return  # malformed XML: the parser says where


def _line_of(path: Path, needle: str):
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    i = head.find(needle.encode())
    return head.count(b"\n", 0, i) + 1 if i >= 0 else None


@contextmanager
def guarded_parse(path, fmt: str):
    """Around one parser call on the file at ``path`` (rdflib format name ``fmt``):
    refuse what it must not read, then bound its time and its network access.
    Raises :class:`~graph.errors.LoadError` naming the file."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise LoadError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block the parser for ever
        raise LoadError(path, None, f"{_kind(st.st_mode)}, not a file: remove it")
    size = st.st_size
    if size > MAX_FILE_BYTES:
        raise LoadError(path, None, f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} "
                                    "(split it, or raise $KG_MAX_FILE_BYTES)")
    if fmt == "json-ld":
        _check_jsonld(path)
    elif fmt == "xml":
        _check_xml(path)
    _install_hook()
    token = _PARSING.set(str(path))
    try:
        with _deadline(PARSE_SECONDS):
            yield
    except _Overtime:
        raise LoadError(path, None, f"parsing took longer than {PARSE_SECONDS:g} s and was stopped "
                                    "(split the file, or raise $KG_PARSE_SECONDS)") from None
    except PermissionError as exc:
        raise LoadError(path, None, f"cannot read: {exc.strerror or exc}") from None
    finally:
        _PARSING.reset(token)


# --------------------------------------------------------------------------- source texts


def source_path(sources_dir, name) -> Path:
    """The file a ``kg:sourceFile`` names, which must lie inside ``sources_dir``
    (after following symlinks); raises :class:`~graph.errors.KGError` otherwise."""
    folder = Path(sources_dir).resolve()
    target = (folder / str(name)).resolve()
    if folder not in target.parents:
        raise KGError(f"kg:sourceFile {str(name)!r} is not inside the sources folder {sources_dir} "
                      "(name a file in that folder, without ../ or an absolute path)")
    return target


def read_source(sources_dir, name) -> str | None:
    """The text of a ``kg:sourceFile`` (``None`` if there is no such file); raises
    :class:`~graph.errors.KGError` if it is outside the folder, not a regular file,
    too large or unreadable."""
    path = source_path(sources_dir, name)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KGError(f"source file {path}: cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise KGError(f"source file {path} is {_kind(mode)}, not a file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise KGError(f"source file {path} is over the limit of {MAX_FILE_BYTES:,} bytes ($KG_MAX_FILE_BYTES)")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KGError(f"source file {path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def read_text_file(path) -> str:
    """The text of a small input file of the triples folder (a saved query, a rule): a
    regular file under :data:`MAX_FILE_BYTES`, else a :class:`~graph.errors.LoadError`
    (a FIFO would block the read for ever)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise LoadError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(path, None, f"{_kind(st.st_mode)}, not a file: remove it")
    if st.st_size > MAX_FILE_BYTES:
        raise LoadError(path, None, f"the file is {st.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(path, None, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
