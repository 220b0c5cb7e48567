"""A persistent index: the loaded graph (rules applied) kept as an on-disk Oxigraph store
beside the data, so a command need not re-read every file.

The index lives in the triples folder's ``.kg/index/`` (git-ignored). Each build goes
into a folder of its own, ``v-<fingerprint>``, written completely (with a ``STAMP`` file
last) before the ``current`` link is switched to it in one atomic step; so a reader
sees the previous index or the new one, never half of one. The fingerprint covers the
content of every input file (data, rules, the package's vocabulary) and the loader's
own code and version: when any of them changes, the next command rebuilds the index
and says so on stderr. One process builds at a time (a lock file); the others wait and
then use what it built. An index that cannot be opened (corrupt, or built by another
version) is rebuilt, never trusted; a folder where nothing can be written is loaded
from its files as before.

>>> import shutil, tempfile
>>> folder = Path(tempfile.mkdtemp()) / "triples"
>>> folder.mkdir()
>>> _ = shutil.copy(Path(TRIPLES).parent / "tests" / "fixtures" / "mini" / "data.ttl", folder)
>>> notes = []
>>> g = open_index(folder, note=notes.append)
>>> notes
['building the index in .../.kg/index (no index yet)']
>>> g2 = open_index(folder, note=notes.append)   # warm: opened read-only, nothing said
>>> len(notes), len(g2) == len(g) > 0
(1, True)
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

__all__ = ["INDEX_FOLDER", "fingerprint", "open_index", "open_backend", "load_from_index", "index_enabled", "IndexUnavailable", "names_of", "kept", "code_key"]

INDEX_FOLDER = Path(".kg") / "index"
"""Where, inside the triples folder, the index is kept."""
CHECKED_FOLDER = Path(".kg") / "checked"
"""Where, beside it, ``kg query`` keeps the verdicts of the query texts it found safe (:func:`graph.query.check`)."""

_KEEP = 2  # builds kept: the current one and the one before (a reader may still hold it)


class IndexUnavailable(Exception):
    """The index cannot be kept in this folder (nothing can be written there)."""


def index_enabled() -> bool:
    """False when ``$KG_INDEX`` is ``0`` (every command then reads the files)."""
    return os.environ.get("KG_INDEX", "1") != "0"


def _digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fingerprint(triples=None) -> str:
    """A digest of everything the loaded graph depends on: the content and path of every
    data file and rule of the folder, the package's vocabulary, and the loader's code."""
    from .version import __version__
    from .files import resolve_triples, triple_files

    root = resolve_triples(triples)
    h = hashlib.blake2b(digest_size=20)
    h.update(f"story-kg {__version__}\n".encode())
    here = Path(__file__).resolve().parent
    code = [here / name for name in ("load.py", "store.py", "inputs.py", "namespaces.py", "index.py", "lookup.py")]
    rules = sorted((root / "rules").glob("*.rq")) if (root / "rules").is_dir() else []
    # triple_files raises the loader's error for a folder it refuses: no index is made of it
    for path in code + triple_files(root) + rules:
        try:
            name = str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            name = f"<package>/{path.name}"
        h.update(f"{name}\0{_digest(path)}\n".encode())
    return h.hexdigest()


def _published(index_dir: Path, stamp: str) -> Path | None:
    """The current build's folder if it is complete and stamped ``stamp``."""
    current = index_dir / "current"
    try:
        target = index_dir / os.readlink(current)
        recorded = json.loads((target / "STAMP").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return target if recorded.get("fingerprint") == stamp else None


def _open_read_only(folder: Path, as_graph: bool):
    from .backend import Backend

    backend = Backend.read_only(folder)
    if not as_graph:
        return backend
    from .namespaces import bind_prefixes
    from .store import create_graph

    return bind_prefixes(create_graph(backend))


def _lock(index_dir: Path):
    import fcntl

    fd = os.open(index_dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _clean(index_dir: Path, keep: Path) -> None:
    """Remove unfinished builds (a killed build's) and all but the newest finished ones."""
    import shutil

    builds = sorted((p for p in index_dir.iterdir() if p.is_dir() and p.name.startswith(("v-", "build-"))),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    kept = 0
    for p in builds:
        if p == keep or (p.name.startswith("v-") and (p / "STAMP").is_file() and kept < _KEEP - 1):
            kept += p != keep
            continue
        shutil.rmtree(p, ignore_errors=True)


def _build(root: Path, index_dir: Path, stamp: str) -> Path:
    import tempfile

    from .backend import Backend
    from .load import load
    from .progress import stage
    from .store import backend_of

    g = load(root)  # parsed by the engine, every rule applied
    loaded = backend_of(g)
    build = Path(tempfile.mkdtemp(prefix="build-", dir=index_dir))
    with stage("write the index"):
        disk = Backend.on_disk(build / "store")
        loaded.copy_into(disk)
        del disk
    (build / "STAMP").write_text(json.dumps({"fingerprint": stamp, "triples": len(loaded)}), encoding="utf-8")
    final = index_dir / f"v-{stamp[:20]}"
    if final.exists():  # an unfinished or unstamped earlier build of the same inputs
        import shutil

        shutil.rmtree(final)
    os.rename(build, final)
    link = index_dir / f"current.{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(final.name, link)
    os.replace(link, index_dir / "current")  # the one atomic step readers see
    return final


def open_index(triples=None, *, note=None, as_graph: bool = True):
    """The graph of ``triples`` (default ``$KG_TRIPLES`` or ``./triples``) from its index,
    built or rebuilt first if it is missing, stale or unreadable (``note(message)`` is
    told why). Returns a read-only rdflib ``Graph`` backed by Oxigraph, or with
    ``as_graph=False`` the read-only :class:`~graph.backend.Backend` itself (no rdflib). Raises
    :class:`IndexUnavailable` when nothing can be written in the folder (the caller
    then loads the files), and the loader's errors for a folder it refuses."""
    from .files import resolve_triples

    root = resolve_triples(triples)
    stamp = fingerprint(root)
    index_dir = root / INDEX_FOLDER
    found = _published(index_dir, stamp)
    if found is not None:
        try:
            return _open_read_only(found / "store", as_graph)
        except Exception:  # noqa: BLE001 - a broken store (RocksDB's errors vary): rebuilt below
            pass
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        fd = _lock(index_dir)
    except OSError as exc:
        raise IndexUnavailable(f"cannot keep an index in {index_dir}: {exc.strerror or exc}") from None
    try:
        found = _published(index_dir, stamp)  # another process may have built it meanwhile
        if found is not None:
            try:
                return _open_read_only(found / "store", as_graph)
            except Exception:  # noqa: BLE001
                found = None
        why = ("no index yet" if not (index_dir / "current").is_symlink() else
               "the index could not be read" if _published(index_dir, stamp) else
               "the triples changed since the index was built")
        if note:
            note(f"building the index in {index_dir} ({why})")
        try:
            final = _build(root, index_dir, stamp)
        except OSError as exc:
            raise IndexUnavailable(f"cannot write the index in {index_dir}: {exc.strerror or exc}") from None
        _clean(index_dir, final)
        return _open_read_only(final / "store", as_graph)
    finally:
        os.close(fd)


def kept(backend, name: str, make, *, key: str = "", dump=json.dumps, read=json.loads):
    """``make(backend)``, for a store of the persistent index kept beside it in the file
    ``name`` (written on first use, in one atomic step, when the folder can be written;
    read back while its ``key`` matches, so a value whose code changed is made again);
    for any other backend, made now. The index never changes once published, so what is
    derived from it stays true until the index is replaced."""
    folder = getattr(backend, "folder", None)
    path = folder.parent / name if folder is not None and (folder.parent / "STAMP").is_file() else None
    if path is not None:
        try:
            stored_key, _, text = path.read_text(encoding="utf-8").partition("\n")
            if stored_key == key:
                return read(text)
        except (OSError, ValueError, KeyError):  # not written yet, or unreadable: made again below
            pass
    value = make(backend)
    if path is not None:
        from .files import write_atomic

        try:
            write_atomic(path, f"{key}\n{dump(value)}")
        except Exception:  # noqa: BLE001 - a folder that cannot be written: the value is made each time
            pass
    return value


def code_key(*modules) -> str:
    """A digest of the source files of ``modules``: the key of a value they derive."""
    return hashlib.blake2b("".join(_digest(Path(m.__file__)) for m in modules).encode(), digest_size=12).hexdigest()


def names_of(backend):
    """The name index (:func:`graph.lookup.name_index`) of ``backend``: for a store of the
    persistent index, the one kept beside it (``names.json``, see :func:`kept`); for any
    other, made now."""
    from .lookup import NameIndex, name_index

    return kept(backend, "names.json", name_index, dump=NameIndex.to_json, read=NameIndex.from_json)


def open_backend(triples=None, *, note=None):
    """The read-only :class:`~graph.backend.Backend` of the index of ``triples`` (see
    :func:`open_index`); with the index off (``$KG_INDEX=0``) or impossible in the folder
    (``note`` is told why), the backend of the files loaded."""
    if index_enabled():
        try:
            return open_index(triples, note=note, as_graph=False)
        except IndexUnavailable as exc:
            if note:
                note(f"{exc}; reading the files instead")
    from .load import load
    from .store import backend_of

    return backend_of(load(triples))


def load_from_index(triples=None, *, note=None):
    """The graph of ``triples`` as :func:`graph.load.load` returns it (an rdflib graph on an
    in-memory store, safe to fork), copied from the persistent index (built first if
    needed) instead of parsing every file and applying the rules again (see
    :func:`open_backend`)."""
    from .backend import Backend
    from .namespaces import bind_prefixes
    from .store import create_graph

    backend = open_backend(triples, note=note)
    if backend.folder is not None:  # the on-disk index: copied, and closed before anyone forks
        memory = Backend()
        backend.copy_into(memory)
        backend = memory
    return bind_prefixes(create_graph(backend))
