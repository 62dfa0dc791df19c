"""argparse speaking Chinese: clerks read the help text, so its fixed phrases are translated."""

from __future__ import annotations

import argparse

_PHRASES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
}


def _translate(message: str) -> str:
    return _PHRASES.get(message, message)


def install() -> None:
    """Route argparse's gettext through the table above."""
    argparse._ = _translate  # type: ignore[attr-defined]
