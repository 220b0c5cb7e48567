"""Exports: Turtle, N-Triples, JSON-LD, GraphML, the HTML view, the timeline picture and stats.

Every export is deterministic (same input, same bytes) so that a regenerated
``exports/`` shows only real changes in git and ``kg build --check`` can fail on a
stale one. The set is replaced atomically: every file is written into a staging
folder beside ``exports/``, which is then swapped with it in one step
(:func:`swap_in`); if any export fails, or the build is killed at any moment,
``exports/`` holds exactly the previous set.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> write_atomic(out / "hello.txt", "hi\\n")
PosixPath('...hello.txt')
>>> (out / "hello.txt").read_text()
'hi\\n'
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from .background import Background
from .errors import ExportError, KGError
from .files import write_atomic
from .graphml import graphml_ready, to_graphml
from .rdfwrite import to_jsonld, to_ntriples, to_turtle
from .stats import format_stats, stats  # re-exported: graph.export.stats is public

__all__ = [
    "write_atomic",
    "to_turtle",
    "to_ntriples",
    "to_jsonld",
    "graphml_ready",
    "to_graphml",
    "stats",
    "format_stats",
    "render_exports",
    "build",
    "CheckFailed",
    "swap_in",
    "clean_leftovers",
]

class CheckFailed(KGError):
    """``kg build`` refused to export because ``kg check`` found problems."""

    def __init__(self, report):
        self.report = report
        super().__init__(report.summary())


TIMELINE_MAX_EVENTS = 500  # above this, the picture shows the most connected events and says so


def _timeline_input(nxg) -> tuple:
    """``(graph, options)`` for :func:`_timeline_files`: a copy of the part it draws (the
    events and their participants; above :data:`TIMELINE_MAX_EVENTS` events, only the most
    connected ones, with a title that says so), small enough to hand to another process."""
    events = [n for n, a in nxg.nodes(data=True) if a["kind"] == "Event"]
    options = {}
    if len(events) > TIMELINE_MAX_EVENTS:  # tens of thousands of events: unreadable, and minutes in matplotlib
        options["title"] = f"Timeline of the {TIMELINE_MAX_EVENTS} most connected of {len(events):,} events, by main entity"
        events = sorted(events, key=lambda n: (-nxg.degree(n), n))[:TIMELINE_MAX_EVENTS]
    part = nxg.subgraph(set(events) | {o for e in events for o in nxg.successors(e)}).copy()
    return part, options


def _timeline_files(nxg, options=None) -> dict[str, bytes]:
    from .timeline_plot import write_timeline

    if options is None:
        nxg, options = _timeline_input(nxg)
    with tempfile.TemporaryDirectory() as tmp:
        svg, png = Path(tmp) / "timeline.svg", Path(tmp) / "timeline.png"
        write_timeline(nxg, svg, png, **options)
        return {"timeline.svg": svg.read_bytes(), "timeline.png": png.read_bytes()}


def render_exports(g, *, html: bool = True, timeline: bool = True, staging=None, timeline_job=None,
                   coverage: dict | None = None, sources=None) -> dict:
    """Render every export of ``g``: ``{file name: bytes}``. With a ``staging`` folder the
    large RDF exports of a big graph are streamed to temp files there instead, and their
    values are those files' paths (``build`` moves them into place). ``timeline_job``: a
    :class:`~graph.background.Background` started without its work, which draws the timeline.
    ``sources``: the folder of source texts, embedded in the HTML view's reader."""
    from . import rdfwrite
    from .network import to_networkx
    from .progress import stage

    out = {}
    rdf_job = None
    dump = None
    if len(g) > rdfwrite.BIG_EXPORT_TRIPLES:  # the same writers, streamed to files from a child
        # the store dumps N-Triples; a child process sorts and writes them (pure Python,
        # ~12 s at 1M triples) while this process projects and writes GraphML, HTML and stats
        if staging is not None:
            # to a file read by a fresh Python: a forked child would end up holding a copy
            # of every page this process writes to meanwhile (~450 MB at 1M triples)
            dump = Path(staging) / ".graph.dump.nt"
            with stage("N-Triples dump"):
                rdfwrite.dump_ntriples(g, dump)
            rdf_job = Background(rdfwrite.write_exports, str(dump), str(staging), spawn=True)
        else:
            with stage("N-Triples dump"):
                text = [rdfwrite.ntriples_text(g)]  # ~180 MB at 1M triples, handed over in a list
            rdf_job = Background(rdfwrite.render_text, text)
            text.clear()  # the child has its own copy: free this one before the projection
    try:
        nxg = to_networkx(g)
        # matplotlib takes ~1.5 s (import and two renders): draw the timeline on the other core,
        # given the part of the projection it draws, in the child that ``build`` started early
        # (before the store existed), or else in a fresh Python (Oxigraph's store is not fork-safe)
        if timeline and timeline_job is None:
            timeline_job = Background(spawn=True)
        if timeline:
            timeline_job.submit(_timeline_files, *_timeline_input(nxg))
        elif timeline_job is not None:  # started, but no timeline is asked for
            timeline_job.cancel()
            timeline_job = None
        if rdf_job is None:
            with stage("graph.ttl, graph.nt, graph.jsonld"):
                out.update(rdfwrite.render(g))
        with stage("graph.graphml"):
            out["graph.graphml"] = to_graphml(nxg)
        if html:
            from .reader import source_texts
            from .view import render_html

            texts, note = source_texts(g, sources)
            out["graph.html"] = render_html(nxg, coverage=coverage, sources=texts,  # its own stage: "HTML view"
                                            source_note=note).encode("utf-8")
        with stage("stats.json"):
            out["stats.json"] = (json.dumps(stats(g, nxg, coverage), indent=2, ensure_ascii=False, sort_keys=True)
                                 + "\n").encode("utf-8")
        if timeline:
            with stage("timeline (drawn by a child process)"):
                try:
                    out.update(timeline_job.result())
                except RuntimeError as exc:
                    raise ExportError(f"the timeline could not be drawn: {exc}") from None
        if rdf_job is not None:
            with stage("graph.nt, graph.ttl, graph.jsonld (written by a child process)"):
                try:
                    out.update(rdf_job.result())
                except RuntimeError as exc:
                    raise ExportError(f"the RDF exports could not be written: {exc}") from None
                finally:
                    if dump is not None:
                        dump.unlink(missing_ok=True)
    except BaseException:  # stop the children: their output would go unread
        for job in (rdf_job, timeline_job):
            if job is not None:
                job.cancel()
        raise
    return out


def build(triples=None, exports=None, sources=None, *, shacl=None, html: bool = True,
          timeline: bool = True) -> dict:
    """Check the triples, then write every export to ``exports`` (default ``exports/``).

    Returns ``{"report": Report, "files": [paths], "seconds": float}``. Raises
    :class:`CheckFailed` (and writes nothing) if the check finds problems.
    """
    from .check import check

    t0 = time.perf_counter()
    exports = Path(exports or os.environ.get("KG_EXPORTS") or "exports")
    # The shapes are validated in a forked process while the exports render on the
    # other core; nothing is written until both are done and the check passed.
    # The timeline's child is forked now, before the store exists: it imports matplotlib
    # while this process loads and checks, then draws what it is given.
    timeline_job = None
    if timeline:
        from .timeline_plot import MODULES

        timeline_job = Background(preload=MODULES)
    try:
        report = check(triples, sources, shacl=shacl, wait=False)
    except BaseException:
        if timeline_job is not None:
            timeline_job.cancel()
        raise
    from .files import resolve_sources, resolve_triples

    sources_dir = resolve_sources(sources, resolve_triples(triples))
    return _render_and_write(report, exports, html, timeline, t0, timeline_job, sources_dir)


def _render_and_write(report, exports, html, timeline, t0, timeline_job=None, sources_dir=None) -> dict:
    """``build`` after the in-process checks: render every export into a staging folder
    beside ``exports``, wait for the shapes, then swap the staging folder and ``exports``
    in one atomic step (:func:`swap_in`). The staging folder (holding the previous set
    after the swap) is removed whatever happens; one left by a killed build is removed
    by the next (:func:`clean_leftovers`)."""
    import shutil

    staging = None
    try:
        try:
            if report.problems:
                raise CheckFailed(report.finish())
            exports = _real_exports(exports)
            clean_leftovers(exports)
            staging = _staging_folder(exports)
            rendered = render_exports(report.graph, html=html, timeline=timeline, staging=staging,
                                      timeline_job=timeline_job, coverage=report.coverage, sources=sources_dir)
            timeline_job = None  # render_exports has collected it, or stopped it
        finally:
            from .progress import stage

            if timeline_job is not None:  # the build stopped before drawing: stop the child
                timeline_job.cancel()
            with stage("SHACL shapes (validated by a child process)"):
                report.finish()
        if not report.ok:
            raise CheckFailed(report)
        try:
            for name, data in sorted(rendered.items()):
                if isinstance(data, Path):  # streamed to a staged temp file: give it its name
                    os.chmod(data, 0o644)
                    os.replace(data, staging / name)
                else:
                    _write_file(staging / name, data)
            _keep_other_files(exports, staging, set(rendered))
            swap_in(staging, exports)
        except OSError as exc:
            raise ExportError(f"cannot write the exports to {exports}: {exc.strerror or exc}") from None
        return {"report": report, "files": [exports / name for name in sorted(rendered)],
                "seconds": time.perf_counter() - t0}
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


# --------------------------------------------------------------------------- one consistent set

_STAGING_MARK = ".kg-build-"


def _real_exports(exports: Path) -> Path:
    """The exports folder itself (a symlink to it is followed, so the swap replaces the
    folder, not the link), after checking it can be made and written."""
    exports = Path(exports)
    if exports.is_symlink():
        exports = exports.resolve()
    if exports.exists() and not exports.is_dir():
        raise ExportError(f"{exports} exists and is not a folder")
    try:
        exports.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create {exports}: {exc.strerror or exc} (choose another --exports DIR)") from None
    if not os.access(exports.parent, os.W_OK) or (exports.exists() and not os.access(exports, os.W_OK)):
        raise ExportError(f"cannot write to {exports}: permission denied (choose another --exports DIR)")
    return exports


def _staging_folder(exports: Path) -> Path:
    """A new folder beside ``exports`` (same file system, so the swap is one rename),
    named with this process's id so that a later build knows when it was abandoned."""
    folder = Path(tempfile.mkdtemp(prefix=f".{exports.name}{_STAGING_MARK}{os.getpid()}-", dir=exports.parent))
    mode = exports.stat().st_mode & 0o7777 if exports.exists() else 0o777 & ~_umask()
    os.chmod(folder, mode)  # the swapped-in folder keeps the exports folder's permissions
    return folder


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_file(path: Path, data: bytes) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with open(path, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(path, 0o644)


def _keep_other_files(exports: Path, staging: Path, ours: set) -> None:
    """Carry over whatever else is in ``exports`` (a README, a picture someone put
    there), hard-linked where possible, so the swap replaces only the exports."""
    import shutil

    if not exports.is_dir():
        return
    for entry in sorted(exports.iterdir()):
        if entry.name in ours or entry.name.startswith(_STAGING_MARK) or _is_temp(entry.name):
            continue
        target = staging / entry.name
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, target)


def _link_or_copy(src, dst) -> None:
    import shutil

    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _is_temp(name: str) -> bool:
    """A temp file of an export (``.graph.ttl.x1y2.tmp``, ``.graph.dump.nt``) written by an
    older build inside the exports folder."""
    return name.startswith(".") and (name.endswith(".tmp") or name == ".graph.dump.nt")


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's ``renameat2(RENAME_EXCHANGE)``; False where
    the system or the file system does not offer it."""
    import ctypes
    import errno

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(staging: Path, exports: Path) -> None:
    """Put the folder ``staging`` in the place of ``exports`` in one atomic step: readers
    see every file of the previous build or every file of this one, never a mix. After
    the call ``staging`` holds the previous set (or nothing), for the caller to remove.

    Where ``renameat2`` is missing the old folder is renamed aside first; a build killed
    between the two renames leaves ``exports`` missing for an instant, and the next
    build puts the old folder back (:func:`clean_leftovers`)."""
    _fsync_dir(staging)
    if not exports.exists():
        os.rename(staging, exports)
    elif not _exchange(staging, exports):
        aside = staging.with_name(staging.name + ".old")
        os.rename(exports, aside)
        os.rename(staging, exports)
        os.rename(aside, staging)
    _fsync_dir(exports.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(exports: Path) -> list[Path]:
    """Remove what a killed build left: staging folders beside ``exports`` whose build
    process is gone, and temp files inside it from older builds. If ``exports`` itself
    is missing while an abandoned previous set is aside (a kill between the two renames
    of :func:`swap_in`'s fallback), that set is put back first. Returns what was removed."""
    import re
    import shutil

    removed = []
    pattern = re.compile(re.escape(f".{exports.name}{_STAGING_MARK}") + r"(\d+)-")
    if exports.parent.is_dir():
        for entry in sorted(exports.parent.iterdir()):
            m = pattern.match(entry.name)
            if not m or _alive(int(m.group(1))):
                continue
            if entry.name.endswith(".old") and not exports.exists():
                os.rename(entry, exports)
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    if exports.is_dir():
        for entry in sorted(exports.iterdir()):
            if entry.name.startswith(_STAGING_MARK) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
            elif _is_temp(entry.name) and entry.is_file():
                entry.unlink(missing_ok=True)
                removed.append(entry)
    return removed
