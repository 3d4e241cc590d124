"""This command line's option values converted without pydantic.

typer (0.2x) turns every value it parses through a pydantic ``TypeAdapter`` built per parameter:
importing pydantic and building the adapters is about 0.1 s of CPU, a sixth of a one-file
``cxzy check``. The options here are plain — ``str``, ``bool``, ``int`` and ``float`` (with ``min``/``max``),
``Path``, and lists of them — so they are converted here, with typer's own checks and messages
(``coerce_cli_path`` for paths). Any other annotation, and a typer without this hook, is left to typer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

_NUMBER_WORDS = {int: ("integer", "an integer"), float: ("number", "a number")}


def _number(kind: type, low: float | None, high: float | None) -> Callable[[Any], Any]:
    noun, article = _NUMBER_WORDS[kind]

    def convert(value: Any) -> Any:
        number: Any
        if isinstance(value, kind) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            try:
                if not text.isascii():
                    raise ValueError
                number = kind(text)
            except ValueError:
                raise ValueError(f"Input should be a valid {noun}, unable to parse string as {article}") from None
        if low is not None and number < low:
            raise ValueError(f"Input should be greater than or equal to {low}")
        if high is not None and number > high:
            raise ValueError(f"Input should be less than or equal to {high}")
        return number

    return convert


_TRUE, _FALSE = {"1", "true", "t", "yes", "y", "on"}, {"0", "false", "f", "no", "n", "off"}


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError("Input should be a valid boolean, unable to interpret input")


def _leaf(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
    """A converter ``(value, param, ctx) -> value`` for one plain annotation, or None to leave it to typer."""
    from typer._param_types import coerce_cli_path

    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return None
    if annotation is bool:
        return lambda value, param, ctx: _boolean(value)
    if annotation is str:
        return lambda value, param, ctx: value if isinstance(value, str) else str(value)
    if annotation in (int, float):
        if getattr(info, "clamp", False):
            return None
        convert = _number(annotation, info.min, info.max)
        return lambda value, param, ctx: convert(value)
    if annotation is Path and getattr(info, "path_type", None) in (None, Path):
        return lambda value, param, ctx: coerce_cli_path(
            value if isinstance(value, Path) else Path(value), info, path_type=Path, param=param, ctx=ctx
        )
    return None


def plain_runtime_param(descriptor: Any) -> Any | None:
    """typer's runtime coercion for a parameter of a plain type, without pydantic; None for anything else."""
    annotation, info = descriptor.annotation, descriptor.parameter_info
    if descriptor.file_annotation is not None or _PlainRuntimeParam is None:
        return None
    many = get_origin(annotation) is list
    if get_origin(annotation) is not None and not (many and len(get_args(annotation)) == 1):
        return None
    leaf = _leaf(get_args(annotation)[0] if many else annotation, info)
    if leaf is None:
        return None
    return _PlainRuntimeParam(parameter_info=info, annotation=annotation, leaf=leaf, many=many)


def _plain_class() -> Any:
    try:
        from typer._click.exceptions import BadParameter
        from typer._coercion import RuntimeParam
    except ImportError:  # pragma: no cover - another typer
        return None

    @dataclass(frozen=True)
    class PlainRuntimeParam(RuntimeParam):  # type: ignore[misc,valid-type]
        leaf: Callable[[Any, Any, Any], Any]
        many: bool

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.many:
                    items = value if isinstance(value, (list, tuple)) else [value]
                    return [self.leaf(item, param, ctx) for item in items]
                return self.leaf(value, param, ctx)
            except ValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

    return PlainRuntimeParam


_PlainRuntimeParam = _plain_class()


def install() -> None:
    """Have typer's parameters use :func:`plain_runtime_param` where it applies (once; a no-op on a typer
    whose internals differ)."""
    try:
        from typer import core
    except ImportError:  # pragma: no cover - another typer
        return
    parameter = getattr(core, "_TyperParameter", None)
    original = getattr(parameter, "get_runtime_param", None)
    if parameter is None or original is None or getattr(original, "cxzy_plain", False):
        return

    def get_runtime_param(self: Any) -> Any:
        if getattr(self, "_runtime_param", None) is None:
            try:
                plain = plain_runtime_param(self.type_descriptor)
            except (AttributeError, ImportError, TypeError):  # pragma: no cover - another typer
                plain = None
            if plain is not None:
                self._runtime_param = plain
        return original(self)

    get_runtime_param.cxzy_plain = True  # type: ignore[attr-defined]
    parameter.get_runtime_param = get_runtime_param
