"""``kg generate``: a synthetic graph of N triples for benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from kgbench import generate

__all__ = ["generate_command"]


def _count(text: str) -> int:
    """Parse a count such as 10000, 10k, 1.5M."""
    t = text.strip().lower().replace("_", "").replace(",", "")
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    try:
        return int(float(t[:-1] if mult > 1 else t) * mult)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a count (e.g. 10000, 100k, 1M)") from None


@click.command("generate")
@click.option("--triples", "n", default="10k", show_default=True, help="About how many triples to write (10000, 100k, 1M).")
@click.option("--output", "output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write (its *.ttl files are replaced).")
@click.option("--seed", default=0, show_default=True, help="Random seed; the same seed gives the same files.")
def generate_command(n, output, seed):
    """Write a synthetic graph of N triples for benchmarks and scale tests.

    The folder gets the data, a few saved queries, a sources.ttl and a sources/
    folder with the generated source texts, so it passes `kg check` (the ontology
    and shapes come with the package).

    \b
    Example:
      kg generate --triples 100k --output /tmp/gen100k
      kg check --triples /tmp/gen100k --sources /tmp/gen100k/sources
      kg build --triples /tmp/gen100k --exports /tmp/gen100k-exports --sources /tmp/gen100k/sources
    """
    import time

    t0 = time.perf_counter()
    result = generate(_count(n), output, seed=seed)
    click.echo(f"wrote {len(result['files'])} files, about {result['triples']:,} triples, to {output} "
               f"(sources in {result['sources']}) in {time.perf_counter() - t0:.1f} s")
