"""Exceptions with enough context to act on: which file, which line, which node, what to do.

Every error the toolkit raises on bad input is a :class:`KGError`; the CLI prints
its message and exits with status 1.

>>> str(LoadError("triples/people.ttl", 12, "Prefix 'foo:' not bound", column=5))
"triples/people.ttl:12:5: Prefix 'foo:' not bound"
"""

from __future__ import annotations

__all__ = [
    "KGError",
    "LoadError",
    "QuerySyntaxError",
    "UnsafeQueryError",
    "UnknownEntity",
    "UnknownQuery",
    "ExportError",
]


class KGError(Exception):
    """Base class: bad input or a failed operation, with a message fit for a user."""

    exit_code = 1


class LoadError(KGError):
    """A triples file could not be read or parsed."""

    def __init__(self, file, line: int | None, message: str, column: int | None = None):
        self.file, self.line, self.column, self.message = str(file), line, column, message
        where = self.file
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class QuerySyntaxError(KGError):
    """A SPARQL query does not parse; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None, text: str = ""):
        self.message, self.line, self.column, self.text = message, line, column, text
        where = f"line {line}, column {column}: " if line is not None else ""
        pointer = ""
        if line is not None and text:
            lines = text.splitlines()
            if 0 < line <= len(lines):
                pointer = f"\n  {lines[line - 1]}\n  {' ' * max((column or 1) - 1, 0)}^"
        super().__init__(f"SPARQL syntax error at {where}{message}{pointer}")


class UnsafeQueryError(KGError):
    """A query would reach the network or change data (SERVICE, LOAD, remote FROM, UPDATE)."""


class UnknownEntity(KGError):
    """No entity has this label or alias; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[str] | None = None):
        self.name, self.suggestions = name, list(suggestions or [])
        msg = f"no entity named {name!r}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(msg)


class UnknownQuery(KGError):
    """No saved query has this name."""

    def __init__(self, name: str, available: list[str]):
        import difflib

        self.name, self.available = name, available
        close = difflib.get_close_matches(name, available, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        super().__init__(
            f"no saved query named {name!r}{hint}; available: {', '.join(available) or '(none)'} "
            "(see `kg query --list`)"
        )


class ExportError(KGError):
    """An export could not be written; nothing was replaced."""
