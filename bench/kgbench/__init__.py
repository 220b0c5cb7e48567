"""The benchmarks' synthetic graphs, outside the runtime package ``graph``.

``kg generate`` (:mod:`graph.cli.generate`) writes one; ``bench/*.py`` use them. It is
installed beside ``graph`` (the wheel ships both), so a ``pip install``ed ``kg`` can
write a folder of any size that ``kg check`` passes.
"""

from kgbench.generate import generate

__all__ = ["generate"]
