"""Files to a checked model: walk `content/`, parse each file (kept between builds in the parsed-file
cache), turn its fields into frozen records, then check what needs the whole site. Every problem
is collected with its file and line; nothing is written here.

May import: messages, texts, collector, timings, store, faults, errors, reading, config, model, calendar,
diagnostics.
"""
