"""benn-site: a static site generator for multilingual neighbourhood portals.

The pipeline, in the order the folders below depend on each other (each imports only from
those above it in this list; tests/unit/test_layers.py holds the code to it):

    messages, texts, errors, store    the words, text fallback, problems with file and line, files kept between builds
    reading/                          the line-keeping YAML reader, field checks, front matter and file names
    config, model                     site.yaml as typed config; the site as frozen dataclasses
    calendar/                         recurrence, office hours, closures, public holidays
    content/                          files → checked model: load every file, then check the whole site
    rendering/                        routes, views, templates, Markdown, feeds, sitemap, fingerprints
    output/                           render on every core, stage and put in place, search index
    build                             `Builder.build()`: the only orchestrator of the stages above
    editors/                          check, new, serve: the editors' commands, which call the build
    cli                               the thin command line

`collector`, `timings` and `diagnostics` are small helpers of the build beside them.
"""

__version__ = "0.1.0"
