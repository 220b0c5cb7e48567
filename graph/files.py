"""Where things are and how they are written: the triples and sources folders, the
files in them, a parser's error as file:line:column, and atomic writes.

>>> resolve_triples(TRIPLES).is_dir()
True
>>> [p.name for p in triple_files(TRIPLES)][:1]   # the package's ontology comes first
['ontology.ttl']
>>> str(syntax_error(Path("a.ttl"), ValueError("Prefix 'foo:' not bound")))
"a.ttl: Prefix 'foo:' not bound (declare it with @prefix at the top of the file)"
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ExportError, LoadError
from .inputs import scan_triples

__all__ = ["resolve_sources", "resolve_triples", "syntax_error", "triple_files", "write_atomic"]


def resolve_triples(triples=None) -> Path:
    """The triples folder: the argument, else ``$KG_TRIPLES``, else ``./triples``."""
    path = Path(triples or os.environ.get("KG_TRIPLES") or "triples")
    if not path.is_dir():
        raise LoadError(path, None, "triples folder not found (give --triples DIR or set KG_TRIPLES)")
    return path


def triple_files(triples=None) -> list[Path]:
    """The package's vocabulary (:func:`graph.vocab.vocabulary_files`: the ontology), then
    every RDF file under the triples folder, in a stable order. An entry that cannot be
    used (an unreadable folder or file, a symlink leaving the folder, a FIFO or device)
    is a :class:`LoadError`, never skipped (see :func:`graph.inputs.scan_triples`)."""
    from .vocab import vocabulary_files

    root = resolve_triples(triples)
    files, problems = scan_triples(root)
    if problems:
        path, message = problems[0]
        more = f" (and {len(problems) - 1} more problems: run `kg check`)" if len(problems) > 1 else ""
        raise LoadError(path, None, message + more)
    if not files:
        raise LoadError(root, None, "no triples files (*.ttl, *.nt, *.jsonld) in this folder")
    return vocabulary_files() + files


def syntax_error(path: Path, exc: Exception) -> LoadError:
    line = getattr(exc, "lines", None)
    why = getattr(exc, "_why", None) or str(exc).strip().splitlines()[-1]
    column = None
    if line is not None:
        line += 1  # rdflib counts from 0
        text, pos = getattr(exc, "_str", None), getattr(exc, "_i", None)
        if isinstance(text, (bytes, str)) and isinstance(pos, int):
            nl = b"\n" if isinstance(text, bytes) else "\n"
            column = pos - (text.rfind(nl, 0, pos) + 1) + 1
    hint = ""
    if "not bound" in why:
        hint = " (declare it with @prefix at the top of the file)"
    return LoadError(path, line, f"{why}{hint}", column=column)


def resolve_sources(sources=None, triples=None) -> Path | None:
    """The sources folder: the argument or ``$KG_SOURCES`` if given (used as is), else
    ``sources/`` inside the triples folder (where a curated graph carries its texts), else
    ``sources/`` beside it, else ``../shared/sources``."""
    explicit = sources or os.environ.get("KG_SOURCES")
    if explicit:
        return Path(explicit)
    candidates = []
    if triples is not None:
        candidates.append(Path(triples) / "sources")
        candidates.append(Path(triples).resolve().parent / "sources")
    candidates.append(Path("..") / "shared" / "sources")
    for c in candidates:
        if c.is_dir():
            return c
    return None


def write_atomic(path, data) -> Path:
    """Write ``data`` (str or bytes) to ``path`` via a temp file and ``os.replace``."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write to {path.parent}: {exc.strerror or exc} (check the folder exists and is writable)") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
