"""Forms sent to county departments: row signatures, report-back states, due dates, file names.

A returned form is trusted only as far as it can be checked. Each row's hidden
identity cell carries a keyed signature over the row's identity, the department
the form went to, the row's role (牵头/配合) and the locked texts the row was
sent with (序号, 部门, 事项名称). The key stays in the database, so a department
cannot make a valid cell for a row it was not sent, and a row whose visible
texts were sorted away from its hidden cell no longer matches its signature.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.domain.text import fold

LOCKED_FIELDS = ("seq", "department", "name")
LEAD, PARTNER = "lead", "partner"
ROLE_LABELS = {LEAD: "牵头", PARTNER: "配合"}
_CELL = re.compile(r"^(?P<identity>(annex_row|item):\d+)/(?P<role>lead|partner)/(?P<sig>[0-9a-f]{20})$")


def signature(key: str, identity: str, department: str, role: str,
              locked: Mapping[str, str]) -> str:
    """20 hex digits of HMAC-SHA256 over what the row was sent as."""
    message = "\x1f".join([identity, fold(department), role,
                           *(fold(locked.get(k, "")) for k in LOCKED_FIELDS)])
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()[:20]


def identity_cell(identity: str, role: str, sig: str) -> str:
    return f"{identity}/{role}/{sig}"


@dataclass(frozen=True)
class SignedIdentity:
    identity: str
    role: str
    signature: str


def parse_identity_cell(text: str) -> SignedIdentity | None:
    match = _CELL.match(text.strip())
    if match is None:
        return None
    return SignedIdentity(match["identity"], match["role"], match["sig"])


class ReportState(StrEnum):
    RECEIVED = "已报送"
    LATE = "逾期未报"
    NOT_DUE = "未到期"


def report_state(received: str, due: str, today: dt.date) -> ReportState:
    """已报送 once received; 逾期未报 after the due day; otherwise 未到期 (also when no due date)."""
    if received:
        return ReportState.RECEIVED
    if due and dt.date.fromisoformat(due) < today:
        return ReportState.LATE
    return ReportState.NOT_DUE


_DUE = re.compile(r"请?于\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:前|之前|以前)")


def due_from_body(body: str) -> str:
    """The report-back date a notice body sets (`…请于2021年2月21日前报…`) as ISO, or ''."""
    match = _DUE.search(unicodedata.normalize("NFKC", body))
    if match is None:
        return ""
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return ""


def parse_due(text: str) -> str:
    """A --due value: `2021-02-21` or `2021年2月21日`, as ISO; ValueError otherwise."""
    text = unicodedata.normalize("NFKC", text.strip())
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if match is None:
        raise ValueError(text)
    return dt.date(*(int(g) for g in match.groups())).isoformat()


# File names -------------------------------------------------------------------
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
NAME_BYTES = 180  # UTF-8 bytes of a file name; every file system allows 255
WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                             *(f"LPT{n}" for n in range(1, 10))})
SUFFIX = "_反馈表.xlsx"


def _trim_bytes(text: str, limit: int) -> str:
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


def form_file_name(department: str, document_number: str, taken: set[str]) -> str:
    """A file name for a department's form: safe, short enough, unique in `taken` (updated).

    Forbidden characters become `_`; a leading dot or space is dropped (a
    hidden file on Linux, trouble on Windows); a device name before the first
    dot (`con.局` – Windows would open the console, not a file) gets a `_`; a
    long department name is cut so the name fits any file system; a name
    already taken gets `（2）`, `（3）` ….
    """
    number = _UNSAFE.sub("_", document_number or "事项").strip()
    base = _UNSAFE.sub("_", department).strip().lstrip(". ").rstrip(". ") or "部门"
    if f"{base}_{number}".split(".")[0].rstrip(" ").upper() in WINDOWS_DEVICES:
        base = f"_{base}"
    budget = NAME_BYTES - len(f"_{number}{SUFFIX}（99）".encode())
    base = _trim_bytes(base, max(budget, 30))
    candidate = f"{base}_{number}{SUFFIX}"
    n = 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{base}_{number}（{n}）{SUFFIX}"
    taken.add(candidate.casefold())
    return candidate
