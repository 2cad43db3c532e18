"""The HTML report in a real browser (headless Chromium): it loads without console
errors, shows raw and clean side by side, the triage table sorts and filters the
doubtful decisions and jumps to their lines, the stage filter hides the other stages'
highlights, a click shows a decision, nothing kept is drawn as removed, form feeds
show as page breaks, and scrolling the raw pane brings the same paragraph to the top
of the clean pane.

Skipped only when Chromium or Playwright is missing; `.ci/run` installs both and sets
CLEANUP_REQUIRE_BROWSER=1, under which a missing browser fails instead."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.review.html import page_name
from tests.browser import chromium_page, missing

ROOT = Path(__file__).parent.parent
JOURNAL = ROOT / "raw" / "000_2a0ad43434f64918.txt"

_reason = missing()
if _reason and os.environ.get("CLEANUP_REQUIRE_BROWSER"):
    raise RuntimeError(f"CLEANUP_REQUIRE_BROWSER is set but {_reason}")
pytestmark = pytest.mark.skipif(_reason is not None, reason=_reason or "")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review")
    result = CliRunner().invoke(main, ["review", str(JOURNAL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / page_name(Path(JOURNAL.name))


@pytest.fixture(scope="module")
def page(report: Path) -> Any:
    with chromium_page() as (browser_page, errors):
        browser_page.goto(report.as_uri())
        browser_page.wait_for_selector("#raw .ln")
        browser_page.errors = errors
        yield browser_page


def _background(page: Any, selector: str) -> str:
    return str(page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor"))


def test_loads_without_console_errors_and_shows_both_panes(page: Any) -> None:
    assert page.errors == []
    raw = page.locator("#raw").bounding_box()
    clean = page.locator("#clean").bounding_box()
    assert raw["x"] < clean["x"] and abs(raw["y"] - clean["y"]) < 1
    assert raw["width"] > 300 and clean["width"] > 300
    assert page.locator("#raw .ln").count() == len(JOURNAL.read_text().splitlines())
    assert page.locator("#clean .blk").count() > 300
    assert "all 33,910 raw words accounted for" in page.inner_text(".account")


def test_stage_filter_hides_other_stages_highlights(page: Any) -> None:
    hyphen = 'mark.hl[data-stage="hyphens"]'
    head = '#L131 .hl[data-stage="pages"]'
    transparent = "rgba(0, 0, 0, 0)"
    assert _background(page, hyphen) != transparent
    page.click('button.filter[data-stage="pages"]')
    assert _background(page, hyphen) == transparent
    assert _background(page, head) != transparent
    visible_doubts = page.locator("#triage tbody tr:not([hidden])").count()
    assert visible_doubts == 0  # seed 000 has no doubtful pages decision
    page.click('button.filter[data-stage=""]')
    assert _background(page, hyphen) != transparent
    assert page.locator("#triage tbody tr:not([hidden])").count() > 0


def test_clicking_a_highlight_shows_the_decision(page: Any) -> None:
    page.click("#L131 .tx")
    detail = page.locator("#detail")
    assert detail.is_visible()
    assert "pages/running-head" in detail.inner_text()
    assert "short line at a page edge, repeated at 3 page edges" in detail.inner_text()
    page.keyboard.press("Escape")
    assert not detail.is_visible()


def test_doubtful_list_jumps_to_its_line(page: Any) -> None:
    first = page.locator("#triage a.jump").first
    line = int(first.get_attribute("data-line"))
    first.click()
    page.wait_for_timeout(200)
    top = page.eval_on_selector("#raw", "e => e.scrollTop")
    height = page.eval_on_selector("#raw", "e => e.clientHeight")
    offset = page.eval_on_selector(f"#L{line}", "e => e.offsetTop")
    assert top <= offset <= top + height
    page.keyboard.press("Escape")


def test_scrolling_raw_brings_the_same_paragraph_to_the_clean_pane(page: Any) -> None:
    page.eval_on_selector(
        "#raw", "e => { e.scrollTop = document.getElementById('L1000').offsetTop; }"
    )
    page.wait_for_timeout(300)
    block = page.eval_on_selector(
        "#raw",
        """raw => {
            const lines = Array.from(raw.querySelectorAll('.ln[data-b]'));
            return lines.find(l => l.offsetTop + l.offsetHeight > raw.scrollTop).dataset.b;
        }""",
    )
    clean_top = page.eval_on_selector("#clean", "e => e.scrollTop")
    block_top = page.eval_on_selector(f"#B{block}", "e => e.offsetTop")
    block_height = page.eval_on_selector(f"#B{block}", "e => e.offsetHeight")
    assert clean_top > 0
    assert block_top - 400 <= clean_top <= block_top + block_height


def _column(page: Any, index: int) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "#triage tbody tr:not([hidden])",
            f"rows => rows.map(r => r.cells[{index}].textContent)",
        )
    )


def test_triage_table_sorts_and_filters_the_doubtful_decisions(page: Any) -> None:
    confidences = [float(c) for c in _column(page, 0)]
    assert confidences and confidences == sorted(confidences)  # least sure first
    everything = len(confidences)
    page.click("#triage th[data-key=conf] button")  # again: most sure first
    assert [float(c) for c in _column(page, 0)] == sorted(confidences, reverse=True)
    page.click("#triage th[data-key=line] button")
    lines = [int(n) for n in _column(page, 1)]
    assert lines == sorted(lines)
    stage = _column(page, 2)[0]
    page.select_option("#t-stage", stage)
    assert set(_column(page, 2)) == {stage}
    assert f"({len(_column(page, 2))} shown)" in page.inner_text("#t-shown")
    page.select_option("#t-stage", "")
    page.fill("#t-max", "0.5")
    assert _column(page, 0) and all(float(c) <= 0.5 for c in _column(page, 0))
    page.fill("#t-max", "0.75")
    assert len(_column(page, 0)) == everything


def test_nothing_kept_is_drawn_like_removed_text(page: Any) -> None:
    style = "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).backgroundColor]"
    removed = page.eval_on_selector_all(".ln.f-removed .tx", f"all => all.map({style})")
    assert removed and all(line == "line-through" for line, _ in removed)
    kept = page.eval_on_selector_all(".ln.f-kept .tx, mark.hl.left", f"all => all.map({style})")
    assert kept and all(
        line != "line-through" and colour == "rgba(0, 0, 0, 0)" for line, colour in kept
    )
    gutter = page.eval_on_selector(
        "#L131", "e => getComputedStyle(e, '::before').content"
    )  # a running head: removed, said in the gutter as well as by the strike
    assert gutter.endswith(' - "') or " - " in gutter


def test_form_feeds_show_as_page_breaks(page: Any, tmp_path: Path) -> None:
    source = ROOT / "tests" / "golden" / "pages" / "calls-of-a-listing-at-page-feet.in.txt"
    feeds = source.read_text(encoding="utf-8").count("\f")
    assert feeds > 1
    result = CliRunner().invoke(main, ["review", str(source), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    other = page.context.browser.new_page()  # a second page of the same browser
    errors: list[str] = []
    other.on("pageerror", lambda e: errors.append(str(e)))
    try:
        other.goto((tmp_path / page_name(Path(source.name))).as_uri())
        other.wait_for_selector("#raw .ln")
        assert errors == []
        assert other.locator("#raw .ff").count() == feeds
        assert other.locator("#raw .ff").first.inner_text() == "page break"
        assert "\u240c" not in other.inner_text("#raw")  # no ␌ glyph
    finally:
        other.close()
