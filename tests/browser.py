"""Headless Chromium for the report's browser test and the README screenshot.

Debian's ``chromium`` (``/usr/bin/chromium``, installed by ``.ci/run``) driven by
Playwright; Playwright's own browser download is never used. The flags keep Chromium
off the network (this machine's network is closed) and runnable as root.

    python -m tests.browser screenshot REPORT_PAGE OUT.png [--line N] [--stage S]
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing() -> str | None:
    """Why the browser cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
    return None


@contextmanager
def chromium_page(width: int = 1400, height: int = 900) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page in headless Chromium, and the list its console errors go to."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            yield page, errors
        finally:
            browser.close()


def screenshot(report_page: Path, out: Path, line: int | None, stage: str | None) -> None:
    with chromium_page() as (page, errors):
        page.goto(report_page.resolve().as_uri() + (f"#L{line}" if line else ""))
        if stage:
            page.click(f'button.filter[data-stage="{stage}"]')
        page.wait_for_timeout(400)
        page.screenshot(path=str(out))
        if errors:
            sys.exit(f"console errors: {errors}")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["screenshot"])
    parser.add_argument("report_page", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--line", type=int)
    parser.add_argument("--stage")
    args = parser.parse_args()
    reason = missing()
    if reason:
        sys.exit(reason)
    screenshot(args.report_page, args.out, args.line, args.stage)
