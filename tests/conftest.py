from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = sorted((ROOT / "raw").glob("*.txt"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests keep built word lists in a folder of their own, never the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLEANUP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield
