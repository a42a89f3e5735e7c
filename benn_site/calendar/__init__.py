"""Dates and times as people mean them in the site's zone: recurring events, office hours,
closures and public holidays. Pure functions of the model; no output format here (iCalendar
and JSON-LD are rendering's).

May import: messages, texts, collector, timings, store, faults, errors, reading, config, model.
"""
