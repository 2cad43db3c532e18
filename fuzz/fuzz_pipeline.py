"""The fuzz target: the whole pipeline on bytes chosen by atheris (libFuzzer).

Each input is decoded as ``cleanup run`` decodes a file (refused binary data is a
correct answer, not a failure), cleaned with every stage and the word check, and
rendered in every format; then its markdown is cleaned again. Any other exception
(a crash, or lost words: ``ConservationError``) is a failure that atheris reports
with the input that caused it.

    make fuzz                                   # 60 seconds (FUZZ_SECONDS=...)
    python fuzz/fuzz_pipeline.py -max_total_time=60 -max_len=4096 fuzz/corpus

The corpus folder starts from the golden inputs and grows with what atheris finds.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import cleanup
    from cleanup.reader import InputError


def test_one_input(data: bytes) -> None:
    try:
        result = cleanup.process_bytes(data)
    except InputError:
        return  # binary or undecodable input, refused with a message: correct
    for fmt in cleanup.FORMATS:
        result.render(fmt)
    cleanup.process(result.render())


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
