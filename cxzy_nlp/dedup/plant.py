"""Synthetic plan corpora with planted copies, for dedup tests and benchmarks.

Plans are strings of random clauses over a small vocabulary written for this module, plus
stock formulas every plan carries, plus (optionally) a template paragraph shared by all.
A *copy* takes passages of another plan and edits them the way a department does when it
reuses a plan: punctuation changed, the unit name swapped, sentences reordered, and a share
of the characters replaced. Every planted copy is recorded so recall can be measured.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..model import Analysis, Document, SourceInfo

# fmt: off
SUBJECTS = ("基层治理", "公共服务", "数字平台", "人才队伍", "安全生产", "生态环境", "营商环境", "社区服务",
            "文化阵地", "农村产业", "教育资源", "医疗保障", "应急体系", "档案管理", "信息公开", "志愿服务",
            "项目资金", "水利设施", "道路交通", "食品安全", "科技创新", "社会救助", "法治宣传", "窗口服务")
VERBS = ("完善", "优化", "健全", "提升", "规范", "拓展", "整合", "推动", "夯实", "改进", "强化", "统筹")
OBJECTS = ("工作机制", "考核办法", "服务流程", "台账制度", "协作平台", "监测网络", "培训体系", "评价标准",
           "保障措施", "响应机制", "资金渠道", "数据共享", "问题清单", "整改台账", "联络制度", "示范点位")
MANNERS = ("分批次", "按季度", "逐月", "分片区", "以点带面", "线上线下结合", "点对点", "全覆盖",
           "常态化", "清单化", "项目化", "网格化")
RESULTS = ("群众满意度明显提高", "办事时限缩短三成", "覆盖率达到九成以上", "问题整改率达到百分之百",
           "形成可复制的经验", "基本实现全流程网办", "投诉数量逐年下降", "骨干队伍稳定壮大",
           "年度任务全部完成", "示范效应逐步显现", "运行成本有所下降", "协同效率显著提升")
PLACES = ("东城", "西岭", "南湖", "北川", "青石", "白沙", "红旗", "金山", "临江", "新桥", "枫林", "长坪")
UNIT_KINDS = ("局", "委", "办", "中心", "街道", "学校", "医院", "公司")
STOCK = (
    "以新时代中国特色社会主义思想为指导，全面贯彻落实上级关于本项工作的决策部署",
    "成立由主要负责同志任组长的工作领导小组，领导小组下设办公室负责日常协调",
    "各单位要高度重视，加强组织领导，明确工作责任，确保各项任务取得实效",
    "结合本单位实际，特制定本方案",
    "加强宣传引导，营造浓厚的工作氛围",
)
SWAPS = {"完善": "健全", "优化": "改进", "提升": "提高", "推动": "推进", "强化": "加强", "工作机制": "运行机制",
         "服务流程": "办事流程", "培训体系": "培训机制", "群众": "居民", "明显": "显著", "逐年": "逐步"}
PUNCT_SWAPS = {"，": "、", "。": "；", "；": "。"}
CHAR_POOL = 6000  # CJK ideographs from U+4E00 used for content words
# fmt: on


@dataclass
class PlantedCopy:
    """One planted copy: passage ``source_span`` of plan ``source`` reused as ``copy_span`` of plan ``copy``."""

    source: int
    source_span: tuple[int, int]
    copy: int
    copy_span: tuple[int, int]
    edit_share: float


@dataclass
class PlantedCorpus:
    texts: list[str]
    units: list[str]
    departments: list[str]
    copies: list[PlantedCopy] = field(default_factory=list)
    stock_spans: list[list[tuple[int, int]]] = field(default_factory=list)

    def analyses(self) -> list[Analysis]:
        """One Analysis per plan (one document each), as the pipeline would give them."""
        out = []
        for i, text in enumerate(self.texts):
            title_end = text.index("\n")
            src = SourceInfo(path=f"plan{i:05d}.txt", format="txt", sha256=f"{i:064x}", size=len(text))
            doc = Document(title=text[:title_end], span=(0, len(text)), title_span=(0, title_end))
            out.append(Analysis(source=src, text=text, documents=(doc,)))
        return out


def word(rng: random.Random) -> str:
    """A content word: two or three characters drawn from a wide pool, as project and place names are."""
    return "".join(chr(0x4E00 + rng.randrange(CHAR_POOL)) for _ in range(rng.randint(2, 3)))


def clause(rng: random.Random, unit: str) -> str:
    """One sentence in plan style: stock verbs and objects around specific content words."""
    parts = [
        rng.choice(PLACES) + word(rng) + rng.choice(SUBJECTS),
        rng.choice(MANNERS) + rng.choice(VERBS) + word(rng) + rng.choice(OBJECTS),
        rng.choice(VERBS) + word(rng) + word(rng),
        "到" + str(rng.randint(2020, 2030)) + "年" + rng.choice(RESULTS),
    ]
    rng.shuffle(parts)
    if rng.random() < 0.4:
        parts.insert(0, unit + "牵头")
    return "，".join(parts) + "。"


def passage(rng: random.Random, unit: str, sentences: int = 2) -> str:
    return "".join(clause(rng, unit) for _ in range(sentences))


def edit(rng: random.Random, text: str, share: float, old_unit: str, new_unit: str) -> str:
    """Reuse ``text``: swap the unit name, change punctuation, swap synonyms, replace ``share`` of the characters."""
    text = text.replace(old_unit, new_unit)
    for a, b in SWAPS.items():
        if a in text and rng.random() < 0.5:
            text = text.replace(a, b)
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch in PUNCT_SWAPS and rng.random() < 0.3:
            chars[i] = PUNCT_SWAPS[ch]
    sentences = "".join(chars).split("。")
    if len(sentences) > 2 and rng.random() < 0.5:
        body = sentences[:-1]
        rng.shuffle(body)
        sentences = [*body, sentences[-1]]
    chars = list("。".join(sentences))
    content = [i for i, ch in enumerate(chars) if ch.isalnum()]
    budget = int(len(content) * share)
    while budget > 0 and content:  # replace runs of 1-3 characters, as rewording does
        run = min(budget, rng.randint(1, 3))
        start = rng.randrange(len(content))
        for k in range(start, min(start + run, len(content))):
            chars[content[k]] = rng.choice("的地工作加强开展落实推进服务组织")
        budget -= run
    return "".join(chars)


def planted_corpus(
    plans: int,
    passages_per_plan: int = 30,
    copy_rate: float = 0.2,
    copied_passages: int = 6,
    edit_range: tuple[float, float] = (0.1, 0.3),
    template: bool = True,
    seed: int = 7,
) -> PlantedCorpus:
    """``plans`` plans; each odd plan reuses, with probability ``copy_rate``, ``copied_passages`` passages of the plan before it."""
    rng = random.Random(seed)
    units = [rng.choice(PLACES) + rng.choice(SUBJECTS)[:2] + rng.choice(UNIT_KINDS) + str(i) for i in range(plans)]
    shared_template = passage(random.Random(seed + 1), "各单位", 3) if template else ""
    corpus = PlantedCorpus([], units, [f"部门{i % max(1, plans // 2)}" for i in range(plans)])
    bodies: list[list[str]] = []
    for i in range(plans):
        body = [passage(rng, units[i]) for _ in range(passages_per_plan)]
        body.insert(1, STOCK[rng.randrange(len(STOCK))] + "。" + STOCK[rng.randrange(len(STOCK))] + "。")
        if shared_template:
            body.insert(2, shared_template)
        copy_from: list[tuple[int, int, float]] = []
        if i % 2 == 1 and rng.random() < copy_rate:  # families of two: plan i reuses plan i-1
            src = i - 1
            for k in rng.sample(range(3, 3 + passages_per_plan - 1), min(copied_passages, passages_per_plan - 1)):
                share = rng.uniform(*edit_range)
                body[k] = edit(rng, bodies[src][k], share, units[src], units[i])
                copy_from.append((src, k, share))
        bodies.append(body)
        text, spans = _join(f"{units[i]}关于推进重点工作的实施方案", body)
        corpus.texts.append(text)
        corpus.stock_spans.append([spans[1]])
        for src, k, share in copy_from:
            src_spans = _join("", bodies[src])[1]
            offset = len(corpus.texts[src]) - len(_join("", bodies[src])[0])
            s0, s1 = src_spans[k]
            corpus.copies.append(PlantedCopy(src, (s0 + offset, s1 + offset), i, spans[k], share))
    return corpus


def _join(title: str, body: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    out = [title + "\n"] if title else ["\n"]
    pos = len(out[0])
    for para in body:
        spans.append((pos, pos + len(para)))
        out.append(para + "\n")
        pos += len(para) + 1
    return "".join(out), spans
