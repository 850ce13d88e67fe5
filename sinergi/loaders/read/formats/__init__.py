"""One reader per input format; each yields documents and reports rejected records.

A reader is a function ``read(path, report, options) -> Iterator[Document]``. Readers
never raise for bad content: they call ``report(Rejected(...))`` and go on, so one bad
record never costs the good ones around it.
"""
