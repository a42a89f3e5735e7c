"""benn-site: a static site generator for multilingual neighbourhood portals.

The pipeline is config → load → validate → model → routes → render → write; `build.build()` is the
only orchestrator and the CLI is a thin layer over it.
"""

__version__ = "0.1.0"
