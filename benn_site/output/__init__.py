"""The bytes to the output folder: every output rendered on every core and staged (`render_all`,
`parallel`), put in place atomically (`writer`), the search index over the pages in place
(`search_index`), the preview's one-page fast path (`quick`) and the link check of a built site
(`links`). One writer at a time (`writer.OutputLock`).

May import: messages, texts, collector, timings, store, faults, errors, reading, config, model, calendar,
diagnostics, content, rendering.
"""
