"""``python -m graph.cli`` runs the ``kg`` command line."""

from . import main

if __name__ == "__main__":  # pragma: no cover
    main()
