#!/usr/bin/env python3
"""The hostile-database corpus (README, “Hostile text and outputs”): each case is one attack on a gongqin database
made with nothing but SQLite (Python's sqlite3, as the sqlite3 shell would), the way a
determined editor would try to change who used which 破格 condition unseen.

    make.py list              the cases, as JSON: [{"name", "foundBy", "note"}]
    make.py apply NAME DB     makes case NAME of DB, in place

DB is a database gongqin built: a person with a 破格 application, and as the very last
change a unit added (see HostileDatabaseTests and Scripts/hostile). `foundBy` is `check`
when `check` finds the case by itself, `anchor` when only `check --anchor` with a head
taken before the edit can (the log rewritten or cut short).
"""
import json, os, sqlite3, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from client import chain_hash  # noqa: E402

cases = {}


def case(name, found_by, note):
    def register(edit):
        cases[name] = {"name": name, "foundBy": found_by, "note": note, "edit": edit}
        return edit
    return register


def apply(name, path):
    c = sqlite3.connect(path)
    c.isolation_level = None
    c.execute("BEGIN")
    cases[name]["edit"](c)
    c.execute("COMMIT")
    c.close()


def trigger_sql(c, name):
    return c.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)).fetchone()[0]




def rehash(c):
    prev = ""
    rows = c.execute("SELECT seq, at, actor, command, table_name, row_id, row_key, person_row, person, op, before, after "
                     "FROM change_log ORDER BY seq").fetchall()
    for r in rows:
        h = chain_hash(prev, *r)
        c.execute("UPDATE change_log SET hash = ? WHERE seq = ?", (h, r[0]))
        prev = h


@case("renamed-trigger", "check", "person_log_update dropped, a name edited, the trigger put back, person_log_insert renamed")
def _(c):
    update = trigger_sql(c, "person_log_update")
    insert = trigger_sql(c, "person_log_insert")
    c.execute("DROP TRIGGER person_log_update")
    c.execute("UPDATE person SET name = '王五' WHERE id = (SELECT min(id) FROM person)")
    c.execute(update)
    c.execute("DROP TRIGGER person_log_insert")
    c.execute(insert.replace("person_log_insert", "person_log_ins", 1))


@case("dropped-triggers", "check", "all three change-log triggers of person dropped")
def _(c):
    for t in ("insert", "update", "delete"):
        c.execute("DROP TRIGGER person_log_" + t)


@case("extra-trigger", "check", "a trigger that copies each new person's ID number into a hidden table")
def _(c):
    c.execute("CREATE TABLE person_copy (id_number TEXT)")
    c.execute("CREATE TRIGGER person_copy_insert AFTER INSERT ON person BEGIN "
              "INSERT INTO person_copy VALUES (NEW.id_number); END")


@case("flip-trigger", "check", "a trigger that turns a stored 不合格 into 合格 after the log trigger fired")
def _(c):
    c.execute("CREATE TRIGGER zz_assessment_flip AFTER INSERT ON annual_assessment WHEN NEW.result = 'fail' BEGIN "
              "UPDATE annual_assessment SET result = 'pass' WHERE rowid = NEW.rowid; END")


@case("extra-table", "check", "a table gongqin never made")
def _(c):
    c.execute("CREATE TABLE notes (text TEXT)")


@case("extra-view", "check", "a view over the ID numbers")
def _(c):
    c.execute("CREATE VIEW ids AS SELECT id_number, name FROM person")


@case("extra-index", "check", "an index gongqin never made")
def _(c):
    c.execute("CREATE INDEX person_name_extra ON person (name)")


@case("altered-trigger", "check", "the application lifecycle trigger weakened to allow any status change")
def _(c):
    c.execute("DROP TRIGGER application_lifecycle")
    c.execute("CREATE TRIGGER application_lifecycle BEFORE UPDATE OF status ON application "
              "WHEN 0 BEGIN SELECT RAISE(ABORT, 'application status change not allowed'); END")


@case("raise-ignore", "check", "RAISE(IGNORE) on exceptional_use: apply reports success and records no use")
def _(c):
    c.execute("CREATE TRIGGER exceptional_use_swallow BEFORE INSERT ON exceptional_use BEGIN SELECT RAISE(IGNORE); END")


@case("rewritten-chain", "anchor", "a person's name edited, the log entry edited to match, the whole chain recomputed")
def _(c):
    update = trigger_sql(c, "person_log_update")
    guard = trigger_sql(c, "change_log_no_update")
    c.execute("DROP TRIGGER person_log_update")
    c.execute("DROP TRIGGER change_log_no_update")
    pid, name = c.execute("SELECT id, name FROM person ORDER BY id LIMIT 1").fetchone()
    c.execute("UPDATE person SET name = '王五' WHERE id = ?", (pid,))
    c.execute(update)
    for seq, after in c.execute("SELECT seq, after FROM change_log WHERE table_name = 'person' AND row_id = ?", (pid,)).fetchall():
        c.execute("UPDATE change_log SET after = ? WHERE seq = ?", (after.replace(json.dumps(name, ensure_ascii=False), '"王五"'), seq))
    rehash(c)
    c.execute(guard)


@case("truncated-chain", "anchor", "the last change (a unit added) deleted together with its log entry")
def _(c):
    delete = trigger_sql(c, "unit_log_delete")
    guard = trigger_sql(c, "change_log_no_delete")
    c.execute("DROP TRIGGER unit_log_delete")
    c.execute("DROP TRIGGER change_log_no_delete")
    seq, row = c.execute("SELECT seq, row_id FROM change_log ORDER BY seq DESC LIMIT 1").fetchone()
    c.execute("DELETE FROM unit WHERE id = ?", (row,))
    c.execute("DELETE FROM change_log WHERE seq = ?", (seq,))
    c.execute(delete)
    c.execute(guard)


if sys.argv[1] == "list":
    json.dump([{k: v for k, v in c.items() if k != "edit"} for c in cases.values()], sys.stdout, ensure_ascii=False)
    print()
elif sys.argv[1] == "apply":
    apply(sys.argv[2], sys.argv[3])
elif sys.argv[1] == "rehash":
    # The whole chain recomputed after an edit made by hand (GateTests).
    c = sqlite3.connect(sys.argv[2])
    c.isolation_level = None
    c.execute("BEGIN")
    guard = trigger_sql(c, "change_log_no_update")
    c.execute("DROP TRIGGER IF EXISTS change_log_no_update")
    rehash(c)
    c.execute(guard)
    c.execute("COMMIT")
else:
    sys.exit("usage: make.py list | make.py apply NAME DB | make.py rehash DB")
