"""Collect news articles from the web into the JSON Lines ``sinergi ingest`` reads.

A study starts from regional news portals and government press pages, not from files:
``sinergi collect`` takes article URLs, RSS/Atom feeds, sitemaps or home pages, fetches
politely, archives every byte as WARC and writes one JSON object per article.

==========================  ==============================================================
:mod:`.options`             every knob of a run, with polite defaults (no heavy imports)
:mod:`.throttle`            per-host request rate and concurrency cap
:mod:`.robots`              robots.txt per host (Protego), fetched once per run
:mod:`.fetch`               polite HTTP (httpx): retries, back-off, redirects, size cap
:mod:`.archive`             WARC request/response records (warcio)
:mod:`.discover`            links out of feeds, sitemaps and home pages (trafilatura)
:mod:`.article`             a fetched page -> an article record (trafilatura)
:mod:`.state`               what earlier runs fetched (SQLite): resume and increments
:mod:`.frontier`            URLs waiting, handed out host by host in turn
:mod:`.outcomes`            why a URL gave no article, and the report file
:mod:`.run`                 the crawl that ties them together
==========================  ==============================================================

Only :mod:`.options` and :mod:`.outcomes` may be imported by the command line at start-up;
the others import httpx, trafilatura or warcio.
"""
