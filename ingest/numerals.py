"""Chinese numerals, as in measure labels （三十四） and section labels 十一、 (read below 1000,
written 1..999).

>>> cn_to_int("三十四"), int_to_cn(34)
(34, '三十四')
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate(_DIGITS)} | {"两": 2, "〇": 0}


def cn_to_int(text: str) -> int:
    """Value of a Chinese numeral below 1000; ValueError for anything else.

    >>> cn_to_int("十"), cn_to_int("十二"), cn_to_int("二十"), cn_to_int("一百零一"), cn_to_int("三百二十")
    (10, 12, 20, 101, 320)
    """
    s = text.strip()
    if not s or any(c not in _DIGIT_VALUE and c not in "十百" for c in s):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if "十" not in s and "百" not in s:
        if len(s) != 1:
            raise ValueError(f"not a Chinese numeral below 1000: {text!r}")
        return _DIGIT_VALUE[s]
    total = 0
    rest = s
    for unit, value in (("百", 100), ("十", 10)):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            head = head.lstrip("零〇")
            if len(head) > 1 or unit in rest:
                raise ValueError(f"not a Chinese numeral below 1000: {text!r}")
            total += (_DIGIT_VALUE[head] if head else 1) * value
    rest = rest.lstrip("零〇")
    if len(rest) > 1:
        raise ValueError(f"not a Chinese numeral below 1000: {text!r}")
    return total + (_DIGIT_VALUE[rest] if rest else 0)


def int_to_cn(n: int) -> str:
    """Chinese numeral for 1..999, as documents print article numbers.

    >>> int_to_cn(10), int_to_cn(21), int_to_cn(100), int_to_cn(105), int_to_cn(110), int_to_cn(132)
    ('十', '二十一', '一百', '一百零五', '一百一十', '一百三十二')
    """
    if not 0 < n < 1000:
        raise ValueError(f"only 1..999 have labels here, got {n}")
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    if hundreds == 0:
        head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
        return head + (_DIGITS[units] if units else "")
    out = _DIGITS[hundreds] + "百"
    if tens:
        out += _DIGITS[tens] + "十"
    elif units:
        out += "零"
    return out + (_DIGITS[units] if units else "")
