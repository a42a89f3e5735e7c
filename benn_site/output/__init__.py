"""The bytes to the output folder: rendering on every core (`parallel`), staging and putting in
place atomically (`writer`), the search index over the pages in place (`search_index`), the
preview's one-page fast path (`quick`) and the link check of a built site (`links`).

May import: messages, texts, collector, timings, store, faults, errors, reading, config, model, calendar,
diagnostics, content, rendering.
"""
