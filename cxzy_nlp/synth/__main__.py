"""``python -m cxzy_nlp.synth build [OUT]``: regenerate corpora/generated with fixed seeds.

``python -m cxzy_nlp.synth handwritten [FOLDER]``: check the hand-written annotations, write headings.jsonl.

``python -m cxzy_nlp.synth examples [OUT]``: rebuild the bundled examples folder.

``python -m cxzy_nlp.synth sample SEED [--format txt|docx|pdf] [-o PATH]``: one plan, for a look.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cxzy_nlp.synth", description="合成方案文本生成器")
    sub = parser.add_subparsers(dest="command", required=True)
    build_p = sub.add_parser("build", help="重新生成 corpora/generated（固定随机种子）")
    build_p.add_argument("out", nargs="?", default="corpora/generated", type=Path)
    hand_p = sub.add_parser("handwritten", help="检查 corpora/handwritten 的标注并生成 headings.jsonl")
    hand_p.add_argument("folder", nargs="?", default="corpora/handwritten", type=Path)
    examples_p = sub.add_parser("examples", help="重新生成 examples/ 示例文件和 manifest.csv")
    examples_p.add_argument("out", nargs="?", default="examples", type=Path)
    sample_p = sub.add_parser("sample", help="生成一篇方案并输出")
    sample_p.add_argument("seed", type=int)
    sample_p.add_argument("--format", default="txt", choices=("txt", "docx", "pdf"))
    sample_p.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        from .corpus import build

        manifest = build(args.out)
        for name, meta in manifest["files"].items():
            print(f"{name}\t{meta['count']}\t{meta['sha256'][:12]}", file=sys.stderr)
        return 0
    if args.command == "handwritten":
        from .handwritten import build_headings

        print(build_headings(args.folder), file=sys.stderr)
        return 0
    if args.command == "examples":
        from .examples import build_examples

        for path in build_examples(args.out):
            print(path, file=sys.stderr)
        return 0
    from . import generate_plan, render

    plan = generate_plan(args.seed)
    if args.output is None and args.format == "txt":
        print(plan.text)
        return 0
    out = args.output or Path(f"plan_{args.seed}.{args.format}")
    render(plan, args.format, out)
    print(out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
