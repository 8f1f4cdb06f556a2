"""``python -m coopgraph``: the same command line as ``coopgraph``."""

from coopgraph.cli import main

if __name__ == "__main__":
    main()
