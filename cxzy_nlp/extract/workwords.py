"""jieba's reading of a short name, from a small word list first: whether the name holds a doing word.

``names_work`` asks whether an item named like a thing (教学楼网络, 几点说明) holds a word jieba tags as a verb,
set phrase or the like. jieba's dictionary costs about 0.3 s to load, more than a one-file ``cxzy check``
may spend, so common words of plan items are kept in ``data/work_words.txt`` as jieba has them
(``word frequency tag``, jieba's ``total`` on the first line) and a name is segmented over them the way
jieba segments (the most probable route over the words found). The list answers only when that route
covers the whole name with listed words of two characters or more, no Latin letter or digit against a
Chinese character; a single character on the route (jieba may tag it alone or pass a run of them to its
HMM) or an unlisted stretch leaves the name to jieba itself.

Besides its words (about 1,400: the jieba words of item names of the project's corpora and of real
plans, the ``thing_heads`` and the taxonomy's ``work_verbs``), the list holds every character of them and
every jieba word that straddles two of them (问题 + 材料 holds 题材), with ``-`` for a tag: they weigh the
routes as in jieba's dictionary, so the route over the list is jieba's for names of listed words side by
side; a route through one of them is left to jieba. ``main([WORD, ...])`` rebuilds the list from jieba's
dictionary (with the domain user dictionary), adding the words given; tests/test_speed_workwords.py
checks it against jieba.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from math import log

# jieba part-of-speech tags of words that may say something is done (verbs, set phrases, abbreviations,
# and the unknown words jieba takes for names: 比武, 练兵)
DOING_TAGS = ("v", "i", "l", "j", "nr", "d")

_BLOCK = re.compile(r"([\u4e00-\u9fd5a-zA-Z0-9+#&._]+)")  # jieba's blocks (posseg's re_han_internal)
_HAN = re.compile(r"[\u4e00-\u9fd5]")
_DATA = "data/work_words.txt"


class Lexicon:
    """Words with jieba's frequency and tag."""

    def __init__(self, entries: dict[str, tuple[int, str]], total: int) -> None:
        self.entries = entries
        self.total = total
        self.logtotal = log(total)
        self.longest = max((len(w) for w in entries), default=1)

    def route(self, block: str) -> list[str]:
        """The words of jieba's most probable route through ``block`` over this list (``Tokenizer.calc``)."""
        n = len(block)
        dag: list[list[int]] = []
        for k in range(n):
            ends = []
            for i in range(k, min(n, k + self.longest)):
                frag = block[k : i + 1]
                if frag in self.entries:
                    ends.append(i)
            dag.append(ends or [k])
        best: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best[idx] = max((log(self._freq(block[idx : x + 1])) - self.logtotal + best[x + 1][0], x) for x in dag[idx])
        words, x = [], 0
        while x < n:
            y = best[x][1] + 1
            words.append(block[x:y])
            x = y
        return words

    def _freq(self, word: str) -> int:
        entry = self.entries.get(word)
        return entry[0] if entry and entry[0] else 1


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped word list (once per process)."""
    head, _, body = resources.files("cxzy_nlp").joinpath(_DATA).read_text(encoding="utf-8").partition("\n")
    cells = body.split()
    entries = dict(zip(cells[0::3], zip(map(int, cells[1::3]), cells[2::3], strict=True), strict=True))
    total = int(head.split()[-1])
    return Lexicon(entries, total)


def holds_doing_word(name: str) -> bool:
    """Whether jieba tags a word of ``name`` with a doing tag (verb, set phrase…): from the list where it
    can tell, else from jieba itself."""
    listed = listed_doing_word(name)
    if listed is not None:
        return listed
    from .nlp import load_jieba

    load_jieba()  # before jieba.posseg imports jieba
    import jieba.posseg as pseg

    return any(p.flag.startswith(DOING_TAGS) for p in pseg.cut(name))


def listed_doing_word(name: str) -> bool | None:
    """:func:`holds_doing_word` from the list alone; ``None`` when the list cannot tell."""
    words = lexicon()
    doing = False
    for part in _BLOCK.split(name):
        if not part or not _BLOCK.fullmatch(part):
            continue  # punctuation and spaces: jieba tags them x
        for run in re.split(r"([a-zA-Z0-9+#&._]+)", part):
            if not run or not _HAN.search(run):
                continue  # a Latin word or a number on its own: eng / m
            if run != part:
                return None  # letters or digits against Chinese characters: jieba's HMM decides
            route = words.route(run)
            for word in route:
                tag = words.entries.get(word, (0, "-"))[1]
                if len(word) == 1 or tag == "-":
                    return None  # a single character, a run of them (jieba's HMM) or a word over a seam
                doing = doing or tag.startswith(DOING_TAGS)
    return doing


def _jieba_entries(words: set[str]) -> tuple[dict[str, tuple[int, str]], int]:
    """jieba's frequency and tag of each dictionary word in ``words``, and its total (domain terms loaded)."""
    from .nlp import load_jieba

    tokenizer = load_jieba().dt  # before jieba.posseg imports jieba
    import jieba.posseg as pseg

    tokenizer.check_initialized()
    pseg.dt.makesure_userdict_loaded()  # the domain terms' tags replace the main dictionary's
    tags = pseg.dt.word_tag_tab
    entries = {w: (tokenizer.FREQ[w], tags.get(w, "x")) for w in words if tokenizer.FREQ.get(w)}
    return entries, tokenizer.total


def build(words: set[str]) -> str:
    """The text of ``data/work_words.txt`` for ``words``: their characters and the jieba words over their seams
    added with ``-`` for a tag (they weigh routes; a route through one is left to jieba)."""
    from .nlp import load_jieba

    freq = load_jieba().dt.FREQ
    listed = {w for w in words if len(w) > 1 and freq.get(w)}
    ends = {w[i:] for w in listed for i in range(len(w))}
    starts = {w[:i] for w in listed for i in range(1, len(w) + 1)}
    seams = {
        w
        for w, f in freq.items()
        if f and len(w) > 1 and w not in listed and any(w[:j] in ends and w[j:] in starts for j in range(1, len(w)))
    }
    chars = {c for w in listed for c in w if freq.get(c)}
    entries, total = _jieba_entries(listed)
    lines = [f"# total {total}"]
    for word in sorted(listed | seams | chars):
        lines.append(f"{word} {entries[word][0]} {entries[word][1]}" if word in entries else f"{word} {freq[word]} -")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    """Rebuild ``data/work_words.txt`` from its listed words and ``argv``."""
    path = resources.files("cxzy_nlp").joinpath(_DATA)
    rows = [line.split(" ") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    current = {row[0] for row in rows if row[2] != "-"}
    with resources.as_file(path) as target:
        target.write_text(build(current | set(argv)), encoding="utf-8")
