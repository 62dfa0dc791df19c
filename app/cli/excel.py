"""Subcommands of the excel back end."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Filled in by the excel back end."""
