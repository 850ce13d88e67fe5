"""The offline review page in headless Chromium: a reviewer decides on the page, downloads
the filled sheet, and `sinergi curate` applies it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright (python) is not installed; browser tests skipped"
)

from sinergi import api  # noqa: E402
from sinergi.cli import main  # noqa: E402
from tests.viz.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found; browser test skipped"),
]


def test_decide_on_the_page_download_and_apply(tmp_path: Path) -> None:
    store = api.run_demo(tmp_path / "demo").store
    sheet, page = tmp_path / "review.csv", tmp_path / "review.html"
    result = CliRunner().invoke(
        main,
        ["review", "--store", str(store), "--type", "learning", "--out", str(sheet),
         "--html", str(page)],
    )
    assert result.exit_code == 0, result.output
    blocked: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        context.route(
            "**/*",
            lambda route: route.continue_()
            if route.request.url.startswith("file:")
            else (blocked.append(route.request.url), route.abort()),
        )
        opened = context.new_page()
        opened.on("pageerror", lambda exc: errors.append(str(exc)))
        opened.goto(page.as_uri())
        rows = opened.locator("#rows tr")
        assert rows.count() == 10
        first = rows.nth(0)
        first.locator("select").first.select_option("reject")
        first.locator("input[placeholder=reason]").fill("not a learning, only a meeting")
        first.locator("input[placeholder=reason]").dispatch_event("change")
        with opened.expect_download() as info:
            opened.click("#save")
        filled = tmp_path / "filled.csv"
        info.value.save_as(filled)
        browser.close()
    assert blocked == [] and errors == []

    with filled.open(encoding="utf-8-sig", newline="") as handle:
        decided = [r for r in csv.DictReader(handle) if r["decision"]]
    assert [(r["decision"], r["reason"]) for r in decided] == [
        ("reject", "not a learning, only a meeting")
    ]
    applied = CliRunner().invoke(
        main, ["curate", str(filled), "--curator", "Peneliti Uji", "--store", str(store)]
    )
    assert applied.exit_code == 0, applied.output
    assert "1 decisions recorded" in applied.stdout
    with api.open_store(store, read_only=True) as opened_store:
        statuses = {s.iri: s.status for s in api.read_statements(opened_store)}
    assert statuses[decided[0]["statement"]] == "rejected"
