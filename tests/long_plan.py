"""One long generated plan: ``cxzy_nlp.synth`` plans laid end to end under one title, renumbered.

For the linearity tests (tests/test_linear.py) and benchmarks/bench_linear.py: plans in the
``decimal`` numbering style give their sections as 1., 1.1 …; their top-level numbers are
renumbered 1., 2., … so the result is ONE plan whose sections, goals, activities and findings all
grow with the text.
"""

from __future__ import annotations

import re

PAGE_CHARS = 650  # characters on one A4 page of a 公文, roughly (as benchmarks/bench_check.py)
_TOP = re.compile(r"(\d+)(?=\.(?:\d|[^\d]))")


def long_plan(pages: float, seed: int = 11, size: int = 40) -> str:
    """One plan of about ``pages`` pages of text, made of plans of ``size`` (see ``generate_plan``)."""
    from cxzy_nlp.synth import generate_plan

    first = generate_plan(seed, style="decimal", size=size, wrapper="plain", faults=True)
    title, intro = first.text.splitlines()[:2]
    out = [title, intro]
    number, chars, i = 0, len(title) + len(intro), 0
    while chars < pages * PAGE_CHARS:
        plan = generate_plan(seed + i, style="decimal", size=size, wrapper="plain", faults=True)
        i += 1
        mapping: dict[str, int] = {}
        for line in plan.text.splitlines()[2:]:
            head = _TOP.match(line)
            if head:
                if head.group(1) not in mapping:
                    number += 1
                    mapping[head.group(1)] = number
                line = str(mapping[head.group(1)]) + line[head.end() :]
            out.append(line)
            chars += len(line) + 1
            if chars >= pages * PAGE_CHARS:
                break
    return "\n".join(out) + "\n"
