"""One reader per input format; each yields documents and reports rejected records.

A reader module declares ``EXTENSIONS`` (the file endings it reads) and ``READER``, a
function ``read(path, report, options) -> Iterator[Document]``.
:func:`sinergi.loaders.read.documents.readers` finds the modules of this package by
themselves, so a new format is one module plus its test: ``extract``, ``ingest`` and the
API read it at once. Readers never raise for bad content: they call
``report(Rejected(...))`` and go on, so one bad record never costs the good ones around
it. A module imports what is slow to import (trafilatura) inside its reader.
"""
