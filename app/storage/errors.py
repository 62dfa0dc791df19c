"""Errors the user can act on; each carries a message in Chinese."""

from __future__ import annotations


class UserError(Exception):
    """An error with a Chinese message meant for the clerk, not a bug."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseLockedError(UserError):
    pass


class DatabaseFormatError(UserError):
    pass


class NotFoundError(UserError):
    pass
