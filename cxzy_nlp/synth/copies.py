"""Copy scenarios for the copy detector: a department pasting another's plan, last year's plan
recycled, several departments filling in one template-site text.

Copies are regenerated from the source's seed under another department (so every name is
swapped consistently), then edited on the surface: sentences reordered, punctuation changed and
a share of characters substituted, deleted or inserted. Gold spans follow every edit, and each
:class:`CopyLink` lists the aligned paragraphs of source and copy.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from .gold import GoldItem, GoldSection, PlantedFault, SynthPlan
from .vocab import load_vocab

Span = tuple[int, int]
SCENARIOS = ("unit-swap", "last-year", "template")
# Characters used for substitutions and insertions: common ones, so edits read like rewording.
_FILLER = "的一是在了和有大这主中人上为们地个用工时要动国产以我到他会作来分生对于学下级就年阶义发成部民可出能方进同行面说种过命度革而多子后自社加小机也经力线本电高量长党得实家定深法表着水理化争现所二起政三好十战无农使性前等反体合斗路图把结第里正新开论之物从当两些还天资事队批点育重其思与间内去因件日利相由压员气业代全组数果期导平各基或月毛然如应形想制心样干都向变关问比展那它最及外没看治提五解系林者米群头意只明四道马认次文通但条较克又公孔领军流入接席位情运器并飞原油放立题质指建区验活众很教决特此常石强极土少已根共直团统式转别造切九你取西持总料连任志观调七么山程百报更见必真保热委手改管处己将修支识病象几先老光专什六型具示复安带每东增则完风回南广劳轮科北打积车计给节做务被整联步类集号列温装即毫知轴研单色坚据速防史拉世设达尔场织历花受求传口断况采精金界品判参层止边清至万确究书术状厂须离再目海交权且儿青才证低越际八试规斯近注办布门铁需走议县兵固除般引齿千胜细影济白格效置推空配刀叶率述今选养德话查差半敌始片施响收华觉备名红续均药标记难存测士身紧液派准斤角降维板许破述技消底床田势端感往神便贺村构照容非搞亚磨族火段算适讲按值美态黄易彪服早班麦削信排台声该击素张密害侯草何树肥继右属市严径螺检左页抗苏显苦英快称坏移约巴材省黑武培著河帝仅针怎植京助升王眼她抓含苗副杂普谈围食射源例致酸旧却充足短划剂宣环落首尺波承粉践府鱼随考刻靠够满夫失包住促枝局菌杆周护岩师举曲春元超负砂封换太模贫减阳扬江析亩木言球朝医校古呢稻宋听唯输滑站另卫字鼓刚写刘微略范供阿块某功套友限项余倒卷创律雨让骨远帮初皮播优占死毒圈伟季训控激找叫云互跟裂粮粒母练塞钢顶策双留误础吸阻故寸盾晚丝女散焊功株亲院冷彻弹错散商视艺灭版烈零室轻血倍缺厘泵察绝富城冲喷壤简否柱李望盘磁雄似困巩益洲脱投送奴侧润盖挥距触星松送获兴独官混纪依未突架宽冬章湿偏纹吃执阀矿寨责熟稳夺硬价努翻奇甲预职评读背协损棉侵灰虽矛厚罗泥辟告卵箱掌氧恩爱停曾溶营终纲孟钱待尽俄缩沙退陈讨奋械载胞幼哪剥迫旋征槽倒握担仍呀鲜吧卡粗介钻逐弱脚怕盐末阴丰编印蜂急拿扩伤飞露核缘游振操央伍域甚迅辉异序免纸夜乡久隶缸夹念兰映沟乙吗儒杀汽磷艰晶插埃燃欢铁补咱芽永瓦倾阵碳演威附牙芽永瓦斜灌欧献顺猪洋腐请透司危括脉宜笑若尾束壮暴企菜穗楚汉愈绿拖牛份染既秋遍锻玉夏疗尖殖井费州访吹荣铜沿替滚客召旱悟刺脑措贯藏敢令隙炉壳硫煤迎铸粘探临薄旬善福纵择礼愿伏残雷延烟句纯渐耕跑泽慢栽鲁赤繁境潮横掉锥希池败船假亮谓托伙哲怀割摆贡呈劲财仪沉炼麻罪祖息车穿货销齐鼠抽画饲龙库守筑房歌寒喜哥洗蚀废纳腹乎录镜妇恶脂庄擦险赞钟摇典柄辩竹谷卖乱虚桥奥伯赶垂途额壁网截野遗静谋弄挂课镇妄盛耐援扎虑键归符庆聚绕摩忙舞遇索顾胶羊湖钉仁音迹碎伸灯避泛亡答勇频皇柳哈揭甘诺概宪浓岛袭谁洪谢炮浇斑讯懂灵蛋闭孩释乳巨徒私银伊景坦累匀霉杜乐勒隔弯绩招绍胡呼痛峰零柴簧午跳居尚丁秦稍追梁折耗碱殊岗挖氏刃剧堆赫荷胸衡勤膜篇登驻案刊秧缓凸役剪川雪链渔啦脸户洛孢勃盟买杨宗焦赛旗滤硅炭股坐蒸凝竟陷枪黎救冒暗洞犯筒您宋弧爆谬涂味津臂障褐陆啊健尊豆拔莫抵桑坡缝警挑污冰柬嘴啥饭塑寄赵喊垫丹渡耳刨虎笔稀昆浪萨茶滴浅拥穴覆伦娘吨浸袖珠雌妈紫戏塔锤震岁貌洁剖牢锋疑霸闪埔猛诉刷狠忽灾闹乔唐漏闻沈熔氯荒茎男凡抢像浆旁玻亦忠唱蒙予纷捕锁尤乘乌智淡允叛畜俘摸锈扫毕璃宝芯爷鉴秘净蒋钙肩腾枯抛轨堂拌爸循诱祝励肯酒绳穷塘燥泡袋朗喂铝软渠颗惯贸粪综墙趋彼届墨碍启逆卸航衣孙龄岭骗休借"
_PUNCT_SWAPS = {"，": "、", "、": "，", "；": "，", "：": "，"}


@dataclass(frozen=True)
class CopyLink:
    """``members[target]`` copies ``members[source]``; ``pairs`` align source and copy paragraphs."""

    source: int
    target: int
    scenario: str  # unit-swap | last-year | template
    pairs: tuple[tuple[Span, Span], ...]
    edit_rate: float  # share of the copied paragraphs' characters that were edited


@dataclass(frozen=True)
class CopyFamily:
    """Plans of one topic: originals, copies and independent plans (negative controls)."""

    members: tuple[SynthPlan, ...]
    links: tuple[CopyLink, ...]
    scenario: str


# ---------------------------------------------------------------- surface edits with span mapping


def _protected(plan: SynthPlan) -> bytearray:
    """1 for characters edits must not touch: headings and markers, field-bearing items, faults."""
    mask = bytearray(len(plan.text))
    spans: list[Span] = []
    for sec in plan.all_sections():
        spans.append((sec.span[0], sec.heading_span[1]))
    spans += [it.span for it in plan.items if it.kind not in ("activity", "phase")]
    spans += [f.span for f in plan.faults if f.span is not None and f.span[1] - f.span[0] < 200]
    for a, b in spans:
        mask[a:b] = b"\x01" * (b - a)
    return mask


def _rewording() -> dict[str, str]:
    pairs = load_vocab().phrases["rewording"]
    both = dict(pairs)
    both.update({b: a for a, b in pairs.items() if b not in both})
    return both


_KEEP = frozenset("0123456789〔〕《》（）“”%.")


def _edit_line(line: str, mask: bytes | bytearray, rng: random.Random, rate: float) -> tuple[str, list[int], int]:
    """Reword, substitute, delete or insert at ``rate``; return new line, old→new offsets, edited chars.

    Digits, brackets and protected characters are never touched, so numbers and dates stay true.
    """
    words = _rewording()
    out: list[str] = []
    where: list[int] = []
    edits = 0
    i = 0
    while i < len(line):
        ch = line[i]
        where.append(len(out))
        if mask[i] or ch in _KEEP:
            out.append(ch)
            i += 1
            continue
        word = next((line[i : i + n] for n in (3, 2) if line[i : i + n] in words and not any(mask[i : i + n])), None)
        if word and rng.random() < rate * 1.5:
            out.append(words[word])
            where.extend(where[-1] for _ in range(len(word) - 1))
            edits += len(word)
            i += len(word)
            continue
        i += 1
        if rng.random() >= rate * 0.85:
            out.append(ch)
            continue
        edits += 1
        op = rng.random()
        if ch in _PUNCT_SWAPS and op < 0.7:
            out.append(_PUNCT_SWAPS[ch])
        elif op < 0.5:
            out.append(rng.choice(_FILLER))
        elif op < 0.75:
            pass  # deleted
        else:  # inserted after the character, so spans ending before it stay put
            out.append(ch)
            out.append(rng.choice(_FILLER))
    where.append(len(out))
    return "".join(out), where, edits


def _reorder(line: str, rng: random.Random) -> str:
    sentences = [s + "。" for s in line.split("。") if s]
    if len(sentences) < 2 or not line.endswith("。"):
        return line
    rng.shuffle(sentences)
    return "".join(sentences)


def perturb(plan: SynthPlan, rng: random.Random, rate: float) -> tuple[SynthPlan, list[int], float]:
    """Edit ``plan`` on the surface; return the edited plan, the old→new offset map and the edit share."""
    mask = _protected(plan)
    text = plan.text
    new_lines: list[str] = []
    offsets = [0] * (len(text) + 1)
    pos_old = pos_new = 0
    edits = editable = 0
    for line in text.split("\n"):
        line_mask = mask[pos_old : pos_old + len(line)]
        if not any(line_mask) and len(line) > 30 and rng.random() < 0.3:
            new = _reorder(line, rng)
            where = list(range(len(line) + 1))
            edits += sum(1 for a, b in zip(line, new, strict=True) if a != b) // 4
        else:
            new, where, n = _edit_line(line, line_mask, rng, rate)
            edits += n
        editable += len(line) - sum(line_mask)
        for i, w in enumerate(where):
            offsets[pos_old + i] = pos_new + w
        new_lines.append(new)
        pos_old += len(line) + 1
        pos_new += len(new) + 1
    new_text = "\n".join(new_lines)

    def m(span: Span) -> Span:
        return (offsets[span[0]], offsets[span[1]])

    def sec(s: GoldSection) -> GoldSection:
        return replace(s, span=m(s.span), heading_span=m(s.heading_span), children=tuple(sec(c) for c in s.children))

    edited = replace(
        plan,
        text=new_text,
        documents=tuple(m(d) for d in plan.documents),
        sections=tuple(sec(s) for s in plan.sections),
        items=tuple(GoldItem(i.kind, m(i.span), i.fields) for i in plan.items),
        faults=tuple(PlantedFault(f.rule, m(f.span) if f.span else None, f.note) for f in plan.faults),
        style={**plan.style, "edit_rate": rate},
    )
    return edited, offsets, edits / max(1, editable)


def _line_spans(text: str) -> list[tuple[str, Span]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((line, (pos, pos + len(line))))
        pos += len(line) + 1
    return out


def align(
    source: SynthPlan, copy_pre: SynthPlan, offsets: list[int], renames: dict[str, str]
) -> tuple[tuple[Span, Span], ...]:
    """Pairs of (source paragraph, copied paragraph) that were the same text before the edits."""
    by_text: dict[str, Span] = {}
    for line, span in _line_spans(source.text):
        if len(line) >= 12:
            by_text.setdefault(line, span)
    pairs = []
    for line, span in _line_spans(copy_pre.text):
        key = line
        for new, old in renames.items():
            key = key.replace(new, old)
        if key in by_text:
            pairs.append((by_text[key], (offsets[span[0]], offsets[span[1]])))
    return tuple(pairs)


# ---------------------------------------------------------------- scenarios


def _regions(rng: random.Random, level: str, n: int) -> list[str]:
    """``n`` invented regions of one level and one name length, so swaps keep lengths."""
    pool = load_vocab().regions[level]
    length = rng.choice(sorted({len(r) for r in pool if sum(len(x) == len(r) for x in pool) >= n}))
    return rng.sample([r for r in pool if len(r) == length], n)


def generate_copy_family(
    seed: int,
    n_departments: int = 4,
    edit_rate: float = 0.2,
    *,
    scenario: str | None = None,
    year: int | None = None,
    size: int = 3,
    n_independent: int = 1,
) -> CopyFamily:
    """One topic, ``n_departments`` plans that copy each other in ``scenario``, plus independent plans.

    unit-swap: member 0 is the original; members 1.. paste it with unit names swapped and edits.
    last-year: member 0 is last year's plan; members 1.. are this year's recycled versions.
    template: member 0 is a template-site text (placeholders, residue); members 1.. fill it in.
    Independent members (same topic and unit type, different seeds) close the family.
    """
    from . import generate_plan

    rng = random.Random(seed)
    v = load_vocab()
    scenario = scenario or rng.choice(SCENARIOS)
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}; known: {', '.join(SCENARIOS)}")
    if not 0.0 <= edit_rate <= 0.9:
        raise ValueError(f"edit_rate must be between 0 and 0.9, got {edit_rate}")
    levels = {lv for lv, pool in v.regions.items() if len(pool) >= n_departments + n_independent}
    unit = rng.choice([u for u in v.units if u["level"] in levels])
    theme = rng.choice(v.themes_for(unit["kind"]))["id"]
    regions = _regions(rng, unit["level"], n_departments + n_independent)
    depts = [r + unit["name"] for r in regions]
    year = year or rng.randint(2009, 2026)
    doc_type = rng.choice(("implementation_plan", "work_plan", "activity_plan"))
    style = rng.choice(("gbt", "gbt_two", "mixed", "dun"))
    base = {"doc_type": doc_type, "style": style, "wrapper": "plain", "size": size, "theme": theme}
    plan_seed = rng.randrange(1 << 30)
    source_faults: frozenset[str] = (
        frozenset({"placeholder", "scrape-residue"}) if scenario == "template" else frozenset()
    )
    source_year = year - 1 if scenario == "last-year" else year
    source = generate_plan(plan_seed, department=depts[0], year=source_year, faults=source_faults, **base)  # type: ignore[arg-type]
    members = [source]
    links = []
    for i in range(1, n_departments):
        dept = depts[0] if scenario == "last-year" else depts[i]
        copy_year = year + (i - 1) if scenario == "last-year" else year
        faults: frozenset[str] = (
            frozenset({"scrape-residue"}) if scenario == "template" and rng.random() < 0.5 else frozenset()
        )
        pre = generate_plan(plan_seed, department=dept, year=copy_year, faults=faults, **base)  # type: ignore[arg-type]
        renames = {regions[i]: regions[0]} if scenario != "last-year" else {str(copy_year): str(source_year)}
        pre = (
            _leave_foreign_name(pre, regions[0], regions[i], rng)
            if scenario == "unit-swap" and rng.random() < 0.5
            else pre
        )
        copy, offsets, measured = perturb(pre, rng, edit_rate)
        copy = replace(copy, style={**copy.style, "copy_of": 0, "scenario": scenario})
        members.append(copy)
        links.append(CopyLink(0, i, scenario, align(source, pre, offsets, renames), round(measured, 3)))
    for j in range(n_independent):
        dept = depts[n_departments + j]
        members.append(generate_plan(rng.randrange(1 << 30), department=dept, year=year, faults=False, **base))  # type: ignore[arg-type]
    return CopyFamily(members=tuple(members), links=tuple(links), scenario=scenario)


def _leave_foreign_name(plan: SynthPlan, foreign: str, own: str, rng: random.Random) -> SynthPlan:
    """Put the source's region name back into one body paragraph (a copier's missed swap)."""
    candidates = [
        span
        for line, span in _line_spans(plan.text)
        if own in line and not any(it.span[0] <= span[0] < it.span[1] for it in plan.items if it.kind in ("title",))
    ]
    if not candidates:
        return plan
    a, b = rng.choice(candidates)
    at = plan.text.index(own, a, b)
    text = plan.text[:at] + foreign + plan.text[at + len(own) :]
    fault = PlantedFault("foreign-entity", (at, at + len(foreign)), f"抄袭时未替换的外单位地名“{foreign}”")
    return replace(plan, text=text, faults=(*plan.faults, fault))


def insert_passage(plan: SynthPlan, passage: str, before_line: int, note: str) -> SynthPlan:
    """``plan`` with ``passage`` inserted as a paragraph before its line ``before_line``, recorded as a
    ``near-duplicate`` fault; every gold span is shifted (a section holding that line grows)."""
    lines = plan.text.split("\n")
    if not 0 < before_line < len(lines):
        raise ValueError(f"before_line must be inside the text (1..{len(lines) - 1}), got {before_line}")
    at = sum(len(x) + 1 for x in lines[:before_line])
    shift = len(passage) + 1

    def m(span: Span) -> Span:
        a, b = span
        return (a if a < at else a + shift, b if b < at else b + shift)

    def sec(s: GoldSection) -> GoldSection:
        return replace(s, span=m(s.span), heading_span=m(s.heading_span), children=tuple(sec(c) for c in s.children))

    text = plan.text[:at] + passage + "\n" + plan.text[at:]
    fault = PlantedFault("near-duplicate", (at, at + len(passage)), note)
    return replace(
        plan,
        text=text,
        documents=tuple(m(d) for d in plan.documents),
        sections=tuple(sec(s) for s in plan.sections),
        items=tuple(GoldItem(i.kind, m(i.span), i.fields) for i in plan.items),
        faults=(*(PlantedFault(f.rule, m(f.span) if f.span else None, f.note) for f in plan.faults), fault),
    )
