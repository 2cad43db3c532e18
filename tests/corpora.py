"""Generated corpora for tests that need many inputs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_corpus(raw: Path, files: int = 120) -> None:
    """``files`` inputs of about 20 paragraphs each, cut from the seeds."""
    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "raw").glob("*.txt"))]
    paragraphs = [p for seed in seeds for p in seed.split("\n\n") if p.strip()]
    for number in range(files):
        text = "\n\n".join(paragraphs[(number * 7) % len(paragraphs) :][:20]) + "\n"
        (raw / f"{number:04d}.txt").write_text(text, encoding="utf-8")
