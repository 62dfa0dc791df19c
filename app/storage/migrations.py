"""Ordered schema migrations; the file's version lives in PRAGMA user_version.

A migration is never edited once released: a file made by an earlier release
must open in a later one, so changes come as new migrations at the end.
"""

from __future__ import annotations

from collections.abc import Callable

from app.domain.items import DEFAULT_ITEM_TYPES
from app.domain.sectors import guess_sector, is_designation
from app.storage import codes, laws
from app.storage.search_index import index_columns
from app.storage.sqlite import Database

SCHEMA_V1 = """
CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    level TEXT NOT NULL DEFAULT '县',
    aliases TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE item_types (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT '',
    department_id INTEGER REFERENCES departments(id),
    levels TEXT NOT NULL DEFAULT '',
    basis TEXT NOT NULL DEFAULT '',
    measures TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '在用',
    status_date TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_items_department ON items(department_id);
CREATE INDEX idx_items_type ON items(type);
CREATE INDEX idx_items_status ON items(status);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    organ_mark TEXT NOT NULL DEFAULT '',
    recipients TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    signature TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    copy_to TEXT NOT NULL DEFAULT '',
    printer TEXT NOT NULL DEFAULT '',
    print_date TEXT NOT NULL DEFAULT '',
    with_seal INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE annexes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    layout TEXT NOT NULL,
    change_kind TEXT,
    change_level TEXT
);
CREATE INDEX idx_annexes_document ON annexes(document_id);
CREATE TABLE annex_rows (
    id INTEGER PRIMARY KEY,
    annex_id INTEGER NOT NULL REFERENCES annexes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    seq TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL DEFAULT '',
    basis TEXT NOT NULL DEFAULT '',
    measures TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    change_kind TEXT,
    change_level TEXT,
    merged_with_above TEXT NOT NULL DEFAULT '[]',
    item_id INTEGER REFERENCES items(id) ON DELETE SET NULL
);
CREATE INDEX idx_annex_rows_annex ON annex_rows(annex_id);
CREATE INDEX idx_annex_rows_item ON annex_rows(item_id);
CREATE TABLE item_events (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    status TEXT NOT NULL,
    document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    annex_row_id INTEGER REFERENCES annex_rows(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_item_events_item ON item_events(item_id);
CREATE INDEX idx_item_events_document ON item_events(document_id);
CREATE TABLE measure_templates (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE user_layouts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    header_key TEXT NOT NULL UNIQUE,
    mapping TEXT NOT NULL
);
CREATE TABLE responsibility_lists (
    id INTEGER PRIMARY KEY,
    department TEXT NOT NULL,
    year TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL
);
CREATE TABLE task_divisions (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    source_number TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    division_id INTEGER NOT NULL REFERENCES task_divisions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    seq TEXT NOT NULL DEFAULT '',
    task TEXT NOT NULL DEFAULT '',
    lead TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '',
    deadline TEXT NOT NULL DEFAULT '',
    progress TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_tasks_division ON tasks(division_id);
CREATE TABLE report_backs (
    id INTEGER PRIMARY KEY,
    department TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    due_date TEXT NOT NULL DEFAULT '',
    received_date TEXT NOT NULL DEFAULT '',
    document_number TEXT NOT NULL DEFAULT ''
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id INTEGER,
    field TEXT,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX idx_audit_row ON audit_log(table_name, row_id);
"""


def _v1_initial(db: Database) -> None:
    # Not executescript: it would commit the surrounding transaction first.
    for statement in SCHEMA_V1.split(";"):
        if statement.strip():
            db.execute(statement)
    db.table("item_types").insert_all(
        {"name": name, "position": n} for n, name in enumerate(DEFAULT_ITEM_TYPES)
    )


def _v2_search_index(db: Database) -> None:
    """Full-text index (bigrams and characters) over name, department names, basis, measures.

    Plus an index on names: the catalogue sorts by name by default, and without
    it every keystroke would sort 100,000 rows.
    """
    db.execute("CREATE INDEX idx_items_name ON items(name)")
    db.execute("CREATE VIRTUAL TABLE items_search USING fts5(doc, chars, tokenize='unicode61')")
    rows = db.execute(
        "SELECT items.id, items.name, items.basis, items.measures, "
        "coalesce(d.name, ''), coalesce(d.aliases, '') "
        "FROM items LEFT JOIN departments d ON d.id = items.department_id"
    ).fetchall()
    db.conn.executemany(
        "INSERT INTO items_search(rowid, doc, chars) VALUES (?, ?, ?)",
        ((row[0], *index_columns(" ".join(row[1:]))) for row in rows),
    )


def _v3_county_departments(db: Database) -> None:
    """Sectors, the county's sector table, the 待指定 list, lead and partner departments.

    Existing departments get the sector their name shows; each sector with
    exactly one county body gets it as counterpart. `lead_source` 0 marks rows
    and items whose lead and partners are not worked out yet: the repository
    fills them when it next opens the file for writing, so the rule lives in one
    place (app/domain/sectors.py). Nothing existing changes: the department
    texts as written stay as they are.
    """
    db.execute("ALTER TABLE departments ADD COLUMN sector TEXT NOT NULL DEFAULT ''")
    for dept_id, name in db.execute("SELECT id, name FROM departments").fetchall():
        db.execute("UPDATE departments SET sector = ? WHERE id = ?", [guess_sector(name), dept_id])
    db.execute("""CREATE TABLE sector_counterparts (
        id INTEGER PRIMARY KEY,
        sector TEXT NOT NULL UNIQUE,
        department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE)""")
    db.execute("""CREATE TABLE department_answers (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        sector TEXT NOT NULL DEFAULT '',
        department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL)""")
    for table in ("items", "annex_rows"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN lead_id INTEGER "
                   "REFERENCES departments(id) ON DELETE SET NULL")
        db.execute(f"ALTER TABLE {table} ADD COLUMN partner_ids TEXT NOT NULL DEFAULT '[]'")
        db.execute(f"ALTER TABLE {table} ADD COLUMN lead_source INTEGER NOT NULL DEFAULT 0")
    db.execute("""CREATE TABLE item_departments (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (item_id, department_id))""")
    db.execute("CREATE INDEX idx_item_departments_department ON item_departments(department_id)")
    db.execute("ALTER TABLE report_backs ADD COLUMN sent_date TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE report_backs ADD COLUMN row_count INTEGER NOT NULL DEFAULT 0")
    counts: dict[str, list[int]] = {}
    for dept_id, name, level, sector in db.execute(
            "SELECT id, name, level, sector FROM departments").fetchall():
        if sector and level == "县" and not is_designation(name):
            counts.setdefault(sector, []).append(dept_id)
    for sector, ids in counts.items():
        if len(ids) == 1:
            db.execute("INSERT INTO sector_counterparts(sector, department_id) VALUES (?, ?)",
                       [sector, ids[0]])


def _v4_match_decisions(db: Database) -> None:
    """The clerk's decisions on upper-level list rows, kept across re-reads of the list."""
    db.execute("""CREATE TABLE match_decisions (
        id INTEGER PRIMARY KEY,
        list_key TEXT NOT NULL,
        row_key TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        choice TEXT NOT NULL,
        item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
        UNIQUE (list_key, row_key))""")


def _v5_forms(db: Database) -> None:
    """Forms sent to county departments: what each held and the key its rows are signed with."""
    db.execute("""CREATE TABLE forms (
        id INTEGER PRIMARY KEY,
        token TEXT NOT NULL UNIQUE,
        document_number TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL,
        key TEXT NOT NULL,
        sent_date TEXT NOT NULL DEFAULT '',
        rows TEXT NOT NULL DEFAULT '[]')""")
    db.execute("CREATE INDEX idx_forms_document ON forms(document_number, department)")


SEARCH_TEXT = ("items.name || ' ' || items.basis || ' ' || items.measures || ' ' || "
               "coalesce(d.name, '') || ' ' || coalesce(d.aliases, '')")


def _v6_search_without_copy(db: Database) -> None:
    """The search index without its own copy of the indexed text (half of a large file).

    FTS5 reads the text, when it needs it, from the view `items_search_source`
    (computed by the SQL functions of app/storage/search_index.py), and the
    triggers below replace an item's entry whenever its name, basis, measures
    or department, or that department's names, change. BEFORE triggers remove
    the entry as it was indexed, AFTER triggers add it as it now is.
    """
    db.execute("DROP TABLE items_search")
    db.execute("CREATE VIEW items_search_source AS SELECT items.id AS id, "
               f"qz_search_doc({SEARCH_TEXT}) AS doc, qz_search_chars({SEARCH_TEXT}) AS chars "
               "FROM items LEFT JOIN departments d ON d.id = items.department_id")
    db.execute("CREATE VIRTUAL TABLE items_search USING fts5(doc, chars, "
               "content='items_search_source', content_rowid='id', tokenize='unicode61')")
    remove = ("INSERT INTO items_search(items_search, rowid, doc, chars) "
              "SELECT 'delete', id, doc, chars FROM items_search_source")
    add = "INSERT INTO items_search(rowid, doc, chars) SELECT id, doc, chars FROM items_search_source"
    watched = "name, basis, measures, department_id"
    for name, when, body in (
        ("items_search_ai", "AFTER INSERT ON items", f"{add} WHERE id = new.id"),
        ("items_search_bu", f"BEFORE UPDATE OF {watched} ON items", f"{remove} WHERE id = old.id"),
        ("items_search_au", f"AFTER UPDATE OF {watched} ON items", f"{add} WHERE id = new.id"),
        ("items_search_bd", "BEFORE DELETE ON items", f"{remove} WHERE id = old.id"),
        ("departments_search_bu", "BEFORE UPDATE OF name, aliases ON departments",
         f"{remove} WHERE id IN (SELECT id FROM items WHERE department_id = old.id)"),
        ("departments_search_au", "AFTER UPDATE OF name, aliases ON departments",
         f"{add} WHERE id IN (SELECT id FROM items WHERE department_id = new.id)"),
        ("departments_search_bd", "BEFORE DELETE ON departments",
         f"{remove} WHERE id IN (SELECT id FROM items WHERE department_id = old.id)"),
        ("departments_search_ad", "AFTER DELETE ON departments",
         f"{add} WHERE id IN (SELECT id FROM items WHERE department_id = old.id)"),
    ):
        db.execute(f"CREATE TRIGGER {name} {when} BEGIN {body}; END")
    db.execute("INSERT INTO items_search(items_search) VALUES ('rebuild')")


_WATCHED = "name, basis, measures, department_id"
_OF_DEPARTMENT = "id IN (SELECT id FROM items WHERE department_id = {}.id)"
_V10_TRIGGERS = {  # name: (when, remove or add the entry, which items)
    "items_search_ai": ("AFTER INSERT ON items", "add", "id = new.id"),
    "items_search_bu": (f"BEFORE UPDATE OF {_WATCHED} ON items", "remove", "id = old.id"),
    "items_search_au": (f"AFTER UPDATE OF {_WATCHED} ON items", "add", "id = new.id"),
    "items_search_bd": ("BEFORE DELETE ON items", "remove", "id = old.id"),
    "departments_search_bu": ("BEFORE UPDATE OF name, aliases ON departments", "remove",
                              _OF_DEPARTMENT.format("old")),
    "departments_search_au": ("AFTER UPDATE OF name, aliases ON departments", "add",
                              _OF_DEPARTMENT.format("new")),
    "departments_search_bd": ("BEFORE DELETE ON departments", "remove",
                              _OF_DEPARTMENT.format("old")),
    "departments_search_ad": ("AFTER DELETE ON departments", "add",
                              _OF_DEPARTMENT.format("old")),
}
"""The search index's triggers as migration 10 remade them (migration 6 wrote its own).

A later migration that changes them writes its own copy: this one must stay as it ran.
"""


def _v7_laws(db: Database) -> None:
    """The law registry and which items cite which law, read from every item's basis."""
    laws.create_tables(db)
    laws.index_all_citations(db)


def _v8_document_header_marks(db: Database) -> None:
    """GB/T 9704's other 版头 elements and the 信函格式: 份号, 密级和保密期限, 紧急程度, 签发人, form.

    Existing documents keep printing as before: every new field is empty and
    the form is 文件 (the 文件格式 red header).
    """
    for column in ("copy_number", "secrecy", "urgency", "signer"):
        db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE documents ADD COLUMN form TEXT NOT NULL DEFAULT '文件'")


def _v9_item_codes(db: Database) -> None:
    """Code rules per item type, and an index so codes are checked and found quickly."""
    codes.create_tables(db)


def _v10_search_characters_apart(db: Database) -> None:
    """Single characters in their own index without positions (detail=none).

    One-character terms are found by the character alone, never as a phrase,
    so the positions FTS5 kept for every character of every item were dead
    weight: about a fifth of a 100,000-item file. `items_search` keeps the
    bigrams with positions (phrases need them), `items_chars` the distinct
    characters; both read the view of migration 6, and the triggers now
    replace an item's entry in both.
    """
    for name in _V10_TRIGGERS:
        db.execute(f"DROP TRIGGER {name}")
    db.execute("DROP TABLE items_search")
    db.execute("CREATE VIRTUAL TABLE items_search USING fts5(doc, content='items_search_source', "
               "content_rowid='id', tokenize='unicode61')")
    db.execute("CREATE VIRTUAL TABLE items_chars USING fts5(chars, content='items_search_source', "
               "content_rowid='id', tokenize='unicode61', detail=none)")
    steps = {
        "remove": ("INSERT INTO items_search(items_search, rowid, doc) "
                   "SELECT 'delete', id, doc FROM items_search_source WHERE {}; "
                   "INSERT INTO items_chars(items_chars, rowid, chars) "
                   "SELECT 'delete', id, chars FROM items_search_source WHERE {}"),
        "add": ("INSERT INTO items_search(rowid, doc) SELECT id, doc FROM items_search_source "
                "WHERE {}; INSERT INTO items_chars(rowid, chars) "
                "SELECT id, chars FROM items_search_source WHERE {}"),
    }
    for name, (when, step, where) in _V10_TRIGGERS.items():
        body = steps[step].format(where, where)
        db.execute(f"CREATE TRIGGER {name} {when} BEGIN {body}; END")
    for table in ("items_search", "items_chars"):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _v1_initial, _v2_search_index, _v3_county_departments, _v4_match_decisions,
    _v5_forms, _v6_search_without_copy, _v7_laws, _v8_document_header_marks,
    _v9_item_codes, _v10_search_characters_apart)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> list[int]:
    """Bring the file up to SCHEMA_VERSION; each step is its own transaction."""
    applied = []
    for version in range(schema_version(db) + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
        applied.append(version)
    if applied:
        _reclaim_space(db)
    return applied


def _reclaim_space(db: Database) -> None:
    """Give back the pages an upgrade freed (an old search index, or its copy of every text).

    Migration 10 frees about a fifth of a large file; a tenth is worth a VACUUM.
    """
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    free = db.execute("PRAGMA freelist_count").fetchone()[0]
    if pages and free > pages // 10:
        db.execute("VACUUM")
