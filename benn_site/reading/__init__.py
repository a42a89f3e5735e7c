"""Reading source files so that every problem can name its line: the YAML reader that keeps
line numbers and refuses duplicate keys, the field checks with "did you mean", and front matter
and the `<slug>.<lang>.md` file-name rule.

site.yaml (`config`) and the content files (`content`) are read the same way, so this sits below both.

May import: messages, texts, collector, timings, store, faults, errors.
"""
