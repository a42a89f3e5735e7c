"""`python -m benn_site` runs the command line, as the `benn-site` script does."""

from benn_site.cli import run

run()
