from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = sorted((ROOT / "raw").glob("*.txt"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
