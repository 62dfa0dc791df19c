"""The Windows version resource (Explorer's 属性 → 详细信息) filled in from app.__version__."""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).with_name("version_info.txt")


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers; "0.1.0rc1" becomes (0, 1, 0, 0)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(n) for n in release.group().split(".")] if release else []
    padded = [*numbers[:4], 0, 0, 0, 0]
    return padded[0], padded[1], padded[2], padded[3]


def render(version: str, internal_name: str, description: str) -> str:
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        version=version, version_tuple=repr(version_tuple(version)),
        internal_name=internal_name, description=description)


def write(folder: Path, version: str, internal_name: str, description: str) -> Path:
    path = folder / f"version_info_{internal_name}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(version, internal_name, description), encoding="utf-8")
    return path
