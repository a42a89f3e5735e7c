"""`python -m benn_site` runs the command line, as the `benn-site` script does."""

from .cli import run

run()
