"""``cleanup.clean_batch``: the engine-neutral batch function (rows, columns, DataFrames)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import cleanup
from cleanup import BatchError, RuleSet, clean_batch

from .conftest import RAW

TEXTS = [path.read_text(encoding="utf-8") for path in RAW[1:4]]


def test_rows_come_back_cleaned_as_clean_does_with_other_fields_unchanged() -> None:
    rows = [{"id": n, "text": text, "lang": "en"} for n, text in enumerate(TEXTS)]
    out = clean_batch(rows)
    assert [row["text"] for row in out] == [cleanup.clean(t).removesuffix("\n") for t in TEXTS]
    assert [(row["id"], row["lang"]) for row in out] == [(0, "en"), (1, "en"), (2, "en")]
    assert rows[0]["text"] == TEXTS[0]  # the caller's records are not changed


def test_the_result_does_not_depend_on_how_records_are_batched() -> None:
    rows = [{"text": text} for text in TEXTS]
    assert clean_batch(rows[:1]) + clean_batch(rows[1:]) == clean_batch(rows)


def test_columns_and_plain_text_and_edits() -> None:
    columns = {"id": [7], "body": ["A few previ-\nously existing groups attendedthe meeting."]}
    out = clean_batch(columns, "body", format="text", edits_field="edits")
    assert out["id"] == [7]
    assert out["body"] == ["A few previously existing groups attended the meeting."]
    edits = out["edits"][0]  # a list of edits, as in `cleanup run --format json`
    assert {(e["stage"], e["before"], e["after"]) for e in edits} >= {
        ("glued_words", "attendedthe", "attended the")
    }


def test_bad_records_fail_keep_or_skip() -> None:
    rows = [{"text": "fine text."}, {"text": None, "url": "http://x"}, {"other": 1}]
    with pytest.raises(BatchError, match=r"record 1: field 'text' is null, not text"):
        clean_batch(rows)
    with pytest.raises(BatchError, match=r"record 0: no field 'text' \(fields: other\)"):
        clean_batch([rows[2]], on_error="fail")
    with pytest.raises(BatchError, match=r"record 0 \(http://x\): field 'text' is null"):
        clean_batch([rows[1]], source_field="url")
    kept = clean_batch(rows, on_error="keep", edits_field="edits")
    assert kept[1:] == [
        {"text": None, "url": "http://x", "edits": None},
        {"other": 1, "edits": None},
    ]
    assert clean_batch(rows, on_error="skip") == [{"text": "fine text."}]
    with pytest.raises(BatchError, match="no column 'text' \\(columns: body\\)"):
        clean_batch({"body": ["x"]})
    with pytest.raises(TypeError, match="not a str"):
        clean_batch("just a string")


def test_a_rule_set_chooses_rules_by_the_source_field(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(
        '[source]\npaths = ["*example.org*"]\n\n[pipeline]\ndisabled = ["glued_words"]\n',
        encoding="utf-8",
    )
    rules = RuleSet(folder=tmp_path)
    rows = [
        {"url": "https://example.org/a", "text": "They attendedthe meeting."},
        {"url": "https://other.net/b", "text": "They attendedthe meeting."},
    ]
    out = clean_batch(rows, rules=rules, source_field="url")
    assert [row["text"] for row in out] == [
        "They attendedthe meeting.",
        "They attended the meeting.",
    ]


def test_a_pandas_frame_comes_back_a_frame() -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not installed (it comes with [ray])")
    frame = pandas.DataFrame({"id": [3, 4], "text": ["previ-\nously", "we attendedthe talk"]})
    out = clean_batch(frame, on_error="skip")
    assert isinstance(out, pandas.DataFrame)
    assert out.to_dict("list") == {"id": [3, 4], "text": ["previously", "we attended the talk"]}
    assert list(frame["text"]) == ["previ-\nously", "we attendedthe talk"]


def test_the_spark_recipe_cleans_each_frame_map_in_pandas_hands_it() -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not installed (it comes with [ray])")
    recipe = Path(__file__).parent.parent / "examples" / "recipes" / "spark.py"
    spec = importlib.util.spec_from_file_location("spark_recipe", recipe)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # pyspark itself is imported only in main()
    clean_frames = module.clean_frames

    frames = [pandas.DataFrame({"id": [n], "text": [text]}) for n, text in enumerate(TEXTS)]
    out = list(clean_frames(iter(frames)))
    assert [frame.to_dict("list") for frame in out] == [
        {"id": [n], "text": [cleanup.clean(text, format="text").removesuffix("\n")]}
        for n, text in enumerate(TEXTS)
    ]
