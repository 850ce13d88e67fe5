"""The curation stage: researchers review, correct and cite every edge.

==========================  ==============================================================
:mod:`.statements`          the statements to review, with parties, evidence and status
:mod:`.sheet`               review sheets (CSV and an offline HTML page), read back per row
:mod:`.decisions`           the decision model: one named graph each, PROV-O, statuses
:mod:`.curate`              applying a sheet, undoing a decision, listing decisions
:mod:`.explain`             every statement behind a pair of regions
:mod:`.report`              counts per type, status and confidence (``sinergi status``)
==========================  ==============================================================

Decisions never delete: a rejected statement stays in its article's graph, and every
answer (library queries, projections, analytics, views, exports) leaves it out through
the status graph the decisions give (``sg:excluded``), unless asked to include
everything.
"""
