"""The reading stage: files of news articles in, :class:`~.documents.Document` records out.

==========================  ==============================================================
:mod:`.documents`           the streaming reader: folders, file endings, rejected records
:mod:`.decoding`            bytes to text (BOMs, UTF-16/32, legacy code pages)
:mod:`.formats`             one reader module per input format, found by file ending
==========================  ==============================================================
"""
