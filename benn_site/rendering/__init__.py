"""The model to bytes: one URL per item and language (`routes`), what each page's template is
handed (`views`), Jinja2 and Markdown, the printable notice, the overview map, structured data,
feeds, the sitemap, the editors' pages, and the fingerprints that tell which outputs changed
(`dependencies`, recorded while the views read the model). Nothing here touches the output folder.

May import: messages, texts, collector, timings, store, faults, errors, reading, config, model, calendar,
diagnostics, content.
"""
