"""The editors' commands above the build: `check` (the build's checks plus every link),
`new` (a ready file to fill in) and `serve` (the preview that rebuilds on save).

May import: messages, texts, collector, timings, store, faults, errors, reading, config, model, calendar,
diagnostics, content, rendering, output, build.
"""
