"""Which font file prints each typeface the standard asks for.

GB/T 9704 names five faces (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体).
A county office PC usually has some of them; where one is missing a stand-in
is used and the user is told which, because a printed notice in the wrong
face may be sent back. The search is by file name first (cheap) and then by
the family names inside the font files, so a renamed copy is still found.

Only TrueType outlines can be embedded by ReportLab, so OpenType/CFF files
(Noto CJK, Source Han) are skipped. The last resort is AR PL UMing, shipped in
resources/fonts under the Arphic Public License; it is a light Ming face, so
the bold faces (黑体, 小标宋) it replaces are printed emboldened.
"""

from __future__ import annotations

import os
import struct
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app import paths
from app.storage.errors import UserError

XIAOBIAOSONG = "xiaobiaosong"
FANGSONG = "fangsong"
KAITI = "kaiti"
HEITI = "heiti"
SONGTI = "songti"
ROLES = (XIAOBIAOSONG, FANGSONG, KAITI, HEITI, SONGTI)

BUNDLED_FILE = "uming.ttc"
BUNDLED_NAME = "AR PL UMing"


@dataclass(frozen=True)
class Wanted:
    """A face by its Chinese name, the files it ships as and its family names."""

    name: str
    files: tuple[str, ...]
    families: tuple[str, ...]
    embolden: bool = False


OFFICIAL: dict[str, Wanted] = {
    XIAOBIAOSONG: Wanted("方正小标宋简体",
                         ("FZXBSJW.TTF", "FZXBSK.TTF", "方正小标宋简体.ttf", "FZXiaoBiaoSong-B05S.ttf",
                          "方正小标宋_GBK.ttf"),
                         ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK",
                          "FZXiaoBiaoSong-B05", "方正小标宋")),
    FANGSONG: Wanted("仿宋_GB2312",
                     ("FS_GB2312.TTF", "仿宋_GB2312.ttf", "SIMFANG.TTF"),
                     ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong")),
    KAITI: Wanted("楷体_GB2312",
                  ("KT_GB2312.TTF", "楷体_GB2312.ttf", "SIMKAI.TTF"),
                  ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi")),
    HEITI: Wanted("黑体", ("SIMHEI.TTF",), ("黑体", "SimHei")),
    SONGTI: Wanted("宋体", ("SIMSUN.TTC", "SIMSUN.TTF"), ("宋体", "SimSun")),
}

SUBSTITUTES: dict[str, tuple[Wanted, ...]] = {
    XIAOBIAOSONG: (Wanted("华文中宋", ("STZHONGS.TTF",), ("华文中宋", "STZhongsong")),
                   Wanted("宋体", ("SIMSUN.TTC",), ("宋体", "SimSun"), embolden=True)),
    FANGSONG: (Wanted("华文仿宋", ("STFANGSO.TTF",), ("华文仿宋", "STFangsong")),),
    KAITI: (Wanted("华文楷体", ("STKAITI.TTF",), ("华文楷体", "STKaiti")),
            Wanted("AR PL UKai", ("ukai.ttc",), ("AR PL UKai CN",))),
    HEITI: (Wanted("微软雅黑", ("MSYH.TTC", "MSYH.TTF"), ("微软雅黑", "Microsoft YaHei")),),
    SONGTI: (Wanted("新宋体", ("SIMSUN.TTC",), ("新宋体", "NSimSun")),),
}

FONT_SUFFIXES = (".ttf", ".ttc")

# What a clerk may call each role: the short name, the official face name, and
# the role's own identifier (as stored in settings).
ROLE_NAMES: dict[str, str] = {
    "小标宋": XIAOBIAOSONG, "方正小标宋": XIAOBIAOSONG, "方正小标宋简体": XIAOBIAOSONG,
    "仿宋": FANGSONG, "仿宋_GB2312": FANGSONG,
    "楷体": KAITI, "楷体_GB2312": KAITI,
    "黑体": HEITI,
    "宋体": SONGTI,
    **{role: role for role in ROLES},
}
SHORT_NAMES = {XIAOBIAOSONG: "小标宋", FANGSONG: "仿宋", KAITI: "楷体", HEITI: "黑体", SONGTI: "宋体"}


def role_named(name: str) -> str:
    """The role a user means by ``name`` (小标宋, 仿宋_GB2312, heiti…)."""
    key = name.strip()
    role = ROLE_NAMES.get(key) or ROLE_NAMES.get(key.replace("－", "_").replace("-", "_"))
    if role is None:
        known = "、".join(SHORT_NAMES[r] for r in ROLES)
        raise UserError(f"没有叫“{name}”的字体角色。可用的有：{known}（也可写全称，如 仿宋_GB2312）。")
    return role


@dataclass(frozen=True)
class FontChoice:
    role: str
    official_name: str
    face_name: str
    path: Path
    index: int
    official: bool
    bundled: bool = False
    embolden: bool = False
    overridden: bool = False

    @property
    def registered_name(self) -> str:
        """The ReportLab font name, registered on first use."""
        return _register(self.path, self.index, self.official_name)


_registered: dict[tuple[Path, int], str] = {}
_by_given_path: dict[tuple[Path, int], str] = {}


def _register(path: Path, index: int, label: str) -> str:
    """Register once per font file; the path as given is remembered too, because
    resolving it on every drawn line costs more than drawing the line."""
    known = _by_given_path.get((path, index))
    if known is not None:
        return known
    key = (path.resolve(), index)
    if key not in _registered:
        name = f"QZ{len(_registered)}-{path.stem}-{index}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
        except (TTFError, OSError) as exc:
            # Only a file ReportLab cannot read as a font is the user's to fix;
            # anything else is a bug and must surface as one.
            raise UserError(f"字体文件“{path}”无法使用（{label}）：{exc}。请另选字体文件。") from exc
        _registered[key] = name
    _by_given_path[(path, index)] = _registered[key]
    return _registered[key]


@dataclass(frozen=True)
class FontSet:
    choices: dict[str, FontChoice]

    def __getitem__(self, role: str) -> FontChoice:
        return self.choices[role]

    def substitutions(self) -> list[str]:
        """One line per stand-in, for the user: `仿宋_GB2312 → AR PL UMing（程序自带）`."""
        lines = []
        for role in ROLES:
            choice = self.choices[role]
            if choice.official:
                continue
            where = "（程序自带）" if choice.bundled else "（指定的字体文件）" if choice.overridden else ""
            bold = "，加粗显示" if choice.embolden else ""
            lines.append(f"{choice.official_name} → {choice.face_name}{where}{bold}")
        return lines


def system_font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
            home / ".local" / "share" / "fonts"]


def bundled_font() -> Path:
    return paths.resources_dir() / "fonts" / BUNDLED_FILE


def _read(handle: BinaryIO, offset: int, size: int) -> bytes:
    handle.seek(offset)
    data = handle.read(size)
    if len(data) < size:
        raise struct.error("truncated font file")
    return data


def _tables(handle: BinaryIO, offset: int) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack(">H", _read(handle, offset + 4, 2))[0]
    directory = _read(handle, offset + 12, 16 * count)
    tables = {}
    for n in range(count):
        tag, _, start, length = struct.unpack_from(">4sIII", directory, 16 * n)
        tables[tag] = (start, length)
    return tables


def _family_names(handle: BinaryIO, start: int, length: int) -> set[str]:
    data = _read(handle, start, length)
    _, count, strings = struct.unpack_from(">HHH", data, 0)
    names = set()
    for n in range(count):
        platform, _, _, name_id, size, offset = struct.unpack_from(">6H", data, 6 + 12 * n)
        if name_id not in (1, 4, 16):
            continue
        raw = data[strings + offset:strings + offset + size]
        names.add(raw.decode("utf-16-be" if platform in (0, 3) else "latin-1", "replace"))
    return names


@cache
def read_faces(path: Path) -> tuple[tuple[int, frozenset[str], bool], ...]:
    """(index, family names, has TrueType outlines) for each face in a .ttf/.ttc file.

    Reads only the table directories and the name table: a Windows font folder
    holds gigabytes of fonts and the search must stay instant.
    """
    try:
        with path.open("rb") as handle:
            head = _read(handle, 0, 12)
            if head[:4] == b"ttcf":
                count = struct.unpack_from(">I", head, 8)[0]
                offsets = struct.unpack(f">{count}I", _read(handle, 12, 4 * count))
            else:
                offsets = (0,)
            faces = []
            for index, offset in enumerate(offsets):
                tables = _tables(handle, offset)
                names = _family_names(handle, *tables[b"name"]) if b"name" in tables else set()
                faces.append((index, frozenset(names), b"glyf" in tables))
        return tuple(faces)
    except (OSError, struct.error, UnicodeError):
        return ()


@cache
def _font_files(dirs: tuple[Path, ...]) -> tuple[Path, ...]:
    found: list[Path] = []
    for folder in dirs:
        if folder.is_dir():
            for root, _, files in os.walk(folder):
                found.extend(Path(root) / f for f in files if f.lower().endswith(FONT_SUFFIXES))
    return tuple(sorted(found))


def _find(wanted: Wanted, files: tuple[Path, ...]) -> tuple[Path, int] | None:
    by_name = {f.name.lower(): f for f in files}
    for file_name in wanted.files:
        path = by_name.get(file_name.lower())
        if path is not None:
            usable = [index for index, _, truetype in read_faces(path) if truetype]
            if usable:
                return path, _face_index(path, wanted) if len(usable) > 1 else usable[0]
    families = set(wanted.families)
    for path in files:
        for index, names, truetype in read_faces(path):
            if truetype and names & families:
                return path, index
    return None


def _face_index(path: Path, wanted: Wanted) -> int:
    """In a collection (simsun.ttc holds 宋体 and 新宋体) the face with the wanted family."""
    for index, names, truetype in read_faces(path):
        if truetype and set(wanted.families) & names:
            return index
    return 0


def _override(role: str, file: str) -> FontChoice:
    """A user's own file for a role, checked now so a bad choice is named before printing."""
    wanted = OFFICIAL[role]
    path = Path(file).expanduser()
    faces = _usable_faces(path, wanted.name)
    index, names, _ = faces[0]
    official = bool(set(wanted.families) & names)
    face = sorted(names)[0] if names else path.stem
    choice = FontChoice(role, wanted.name, face, path, index, official=official, overridden=True)
    _register(path, index, wanted.name)
    return choice


def _usable_faces(path: Path, label: str) -> list[tuple[int, frozenset[str], bool]]:
    where = f"为“{label}”指定的字体文件“{path}”"
    if not path.exists():
        raise UserError(f"{where}不存在。")
    if not path.is_file():
        raise UserError(f"{where}是一个文件夹，不是字体文件。")
    faces = read_faces(path)
    if not faces:
        raise UserError(f"{where}不是 TrueType 字体文件（.ttf/.ttc），无法读取。")
    usable = [face for face in faces if face[2]]
    if not usable:
        raise UserError(f"{where}是 OpenType（CFF 轮廓）字体，PDF 中无法嵌入这种字体。"
                        "请改用 TrueType 格式（.ttf/.ttc）的字体文件。")
    return usable


def resolve_fonts(overrides: dict[str, str] | None = None,
                  search_dirs: list[Path] | None = None) -> FontSet:
    """The face for each role: a setting, the official font, a known stand-in, or the bundled one.

    ``overrides`` maps a role (its identifier or any of its Chinese names, see
    ROLE_NAMES) to a font file.
    """
    chosen = {role_named(key): file for key, file in (overrides or {}).items() if file}
    files = font_files(search_dirs)
    choices = {}
    for role in ROLES:
        if role in chosen:
            choices[role] = _override(role, chosen[role])
            continue
        choices[role] = _resolve_role(role, files)
    return FontSet(choices)


def font_files(search_dirs: list[Path] | None = None) -> tuple[Path, ...]:
    """Every .ttf/.ttc under the folders searched (the system's font folders by default)."""
    return _font_files(tuple(search_dirs if search_dirs is not None else system_font_dirs()))


def _resolve_role(role: str, files: tuple[Path, ...]) -> FontChoice:
    wanted = OFFICIAL[role]
    found = _find(wanted, files)
    if found:
        return FontChoice(role, wanted.name, wanted.name, found[0], found[1], official=True)
    for substitute in SUBSTITUTES.get(role, ()):
        found = _find(substitute, files)
        if found:
            return FontChoice(role, wanted.name, substitute.name, found[0], found[1],
                              official=False, embolden=substitute.embolden)
    bundled = bundled_font()
    if not bundled.is_file():
        raise UserError(f"找不到字体“{wanted.name}”，程序自带的字体文件“{bundled}”也缺失。"
                        "请重新安装程序，或在设置中指定字体文件。")
    return FontChoice(role, wanted.name, BUNDLED_NAME, bundled, 0, official=False, bundled=True,
                      embolden=role in (HEITI, XIAOBIAOSONG))
