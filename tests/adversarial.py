"""Inputs built to trip super-linear regular expressions and scans (used by tests and bench/)."""

from __future__ import annotations

import random


def adversarial(kind: str, size: int = 1_000_000) -> str:
    """About `size` characters built to trip super-linear regular expressions and scans."""
    rng = random.Random(kind)
    if kind == "digits":  # digit runs with alternating separators
        return "".join(rng.choice("0123456789") + rng.choice(".,،٫٬") for _ in range(size // 2))
    if kind == "commas":  # 100k+ Arabic commas between numbers
        return "، ".join(str(rng.randint(1, 999)) for _ in range(size // 6))
    if kind == "headings":  # thousands of heading-like lines
        lines = ["المهام:", "مؤهلات", "", "الراتب: 5000 ريال", "فيديو اليوم", "ملاحظات/", "- بند"]
        return "\n".join(rng.choice(lines) for _ in range(size // 9))
    if kind == "money":  # one endless sentence of money, percents and organizations
        parts = ["5000 ريال", "بين 5 و7 آلاف درهم", "10 بالمائة", "شركة النور للتجارة", "مهارات تواصل", "من"]
        return " ".join(rng.choice(parts) for _ in range(size // 10))
    if kind == "latin":  # one Latin word without end, then digits
        return "a" * (size - 1) + "1"
    raise ValueError(kind)
