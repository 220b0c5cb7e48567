"""The package's version (pyproject.toml reads it from here; the index stamps it)."""

__version__ = "0.1.0"
