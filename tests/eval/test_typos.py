from __future__ import annotations

import random

from eval.typos import homophones, mistyped

READINGS = {"抵": "di", "底": "di", "地": "di", "扣": "kou", "口": "kou", "税": "shui"}
FREQUENCY = {"抵": 3000, "底": 9000, "地": 90000, "扣": 4000, "口": 50000, "税": 8000}


def test_a_word_is_mistyped_with_a_common_character_read_the_same() -> None:
    sounds = homophones(lambda c: FREQUENCY.get(c, 0), lambda c: READINGS.get(c, c))
    assert sounds["di"] == ["地", "底", "抵"]  # commonest first
    typed = mistyped("能不能抵扣？", ["抵扣"], sounds, lambda c: READINGS.get(c, c), random.Random(1))
    assert typed.startswith("能不能") and typed != "能不能抵扣？" and len(typed) == len("能不能抵扣？")
    assert typed[3] in "抵地底" and typed[4] in "扣口" and (typed[3] != "抵") != (typed[4] != "扣")


def test_a_word_with_no_homophone_is_left() -> None:
    assert mistyped("增值税", ["增值"], {}, lambda c: c, random.Random(1)) == ""
