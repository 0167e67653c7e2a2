from __future__ import annotations

from bot.followup import Turn, normalise_history


def test_gradio_and_plain_history_are_the_same() -> None:
    plain = [{"role": "user", "content": "新三板改革"}, {"role": "assistant", "content": "措施（六）…"}]
    gradio = [
        {"role": "user", "content": [{"type": "text", "text": "新三板改革"}]},
        {"role": "assistant", "content": [{"type": "text", "text": "措施（六）…"}]},
    ]
    assert (
        normalise_history(plain)
        == normalise_history(gradio)
        == (
            Turn("user", "新三板改革"),
            Turn("assistant", "措施（六）…"),
        )
    )


def test_malformed_history_is_ignored_not_fatal() -> None:
    assert normalise_history("not a list") == ()
    assert normalise_history([None, 3, {"role": "system", "content": "x"}, {"role": "user"}]) == ()
    assert normalise_history([{"role": "user", "content": {"text": "你好"}}]) == (Turn("user", "你好"),)


def test_history_is_bounded() -> None:
    long = [{"role": "user", "content": str(i)} for i in range(100)]
    assert len(normalise_history(long)) == 12


def test_long_turns_are_cut_so_they_can_be_routed_again() -> None:
    turns = normalise_history([{"role": "user", "content": "贷" * 5000}, {"role": "assistant", "content": "答" * 9000}])
    assert len(turns[0].content) == 2000 and len(turns[1].content) == 4000
