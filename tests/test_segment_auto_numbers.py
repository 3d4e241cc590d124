"""Word automatic numbers among typed ones (a technical notebook, issue 14): an automatic 5、 goes on the automatic
list it continues, not on a typed 1、–3、 list under its 3、; a lone paragraph styled Heading 1 between two items of a
Heading 3 list is a mis-styled body paragraph, not a part above the list."""

from __future__ import annotations

from conftest import normal_text

from cxzy_nlp.model import Block
from cxzy_nlp.segment import segment

BODY = "说明见下文，按步骤操作即可，注意保存配置文件。"


def _auto(n: int, words: str, style: str | None = None) -> Block:
    level = 2 if style else None
    return Block(f"{n}、{words}", auto_number=f"{n}、", style=style, outline_level=level)


def _notebook(typed_auto: bool = False, stray: bool = False) -> list[Block]:
    blocks = [_auto(1, "编辑器", "标题 3")]
    if stray:
        blocks.append(Block("表格保存后没有边线的问题", style="标题 1", outline_level=0))
    blocks += [Block(BODY), _auto(2, "字体保存问题", "标题 3"), Block(BODY), _auto(3, "打包工具"), Block(BODY)]
    for n, cmd in enumerate(("安装模块到项目目录", "安装模块到全局", "安装并写入依赖"), 1):
        blocks.append(Block(f"{n}、{cmd}", auto_number=f"{n}、" if typed_auto else None))
    blocks += [Block(BODY), _auto(4, "包管理器"), Block(BODY), _auto(5, "数据绑定"), Block(BODY)]
    return blocks


def _top(blocks: list[Block]) -> list[str]:
    (doc,) = segment(normal_text(blocks))
    return [s.heading for s in doc.sections]


def test_an_automatic_number_goes_on_the_automatic_list_it_continues() -> None:
    assert _top(_notebook()) == ["编辑器", "字体保存问题", "打包工具", "包管理器", "数据绑定"]


def test_control_a_list_numbered_alike_throughout_keeps_the_nearest_list() -> None:
    # every number automatic: nothing tells the lists apart, 4、包管理器 goes on the inner list as before
    assert "包管理器" not in _top(_notebook(typed_auto=True))


def test_a_lone_heading_1_inside_a_heading_3_list_is_body() -> None:
    assert _top(_notebook(typed_auto=True, stray=True)) == _top(_notebook(typed_auto=True))
    assert _top(_notebook(typed_auto=True))[:3] == ["编辑器", "字体保存问题", "打包工具"]
