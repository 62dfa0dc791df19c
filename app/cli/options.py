"""The `--db` option every command shares.

Kept apart from app/cli/database.py so that a command module loads without the storage
layer: `quanze import` loads sqlite-utils while calamine reads the file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app import paths
from app.storage.errors import UserError


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else paths.default_db_path()


def existing_db_path(args: argparse.Namespace) -> Path:
    """The database a reading command works on: opening a missing one would create it empty."""
    path = db_path(args)
    if not path.exists():
        raise UserError(f"数据库文件“{path}”不存在。")
    return path


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=argparse.SUPPRESS, metavar="路径",
                        help="数据库文件路径（默认在用户数据文件夹中）")
