#!/usr/bin/env python3
"""Forges a unit's bundle the way a determined sender would: runs SQL on it with gongqin's
SQL functions defined (so its own change-log triggers fire and its log stays chained),
then recomputes every digest of its manifest (GongQinStore, UnitBundle.tableDigest and
overallDigest), so that the file checks out on its own. What is left to refuse it is what
a department checks beyond the digests: the gate's checks of every row (README, “What the
log detects”) and, for a sealed bundle, its seal.

    forge.py BUNDLE SQL [SQL...]
"""
import hashlib, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from client import connect  # noqa: E402


def feed(h, tag, data):
    h.update(tag + str(len(data)).encode() + b":")
    h.update(data)


def table_digest(c, table):
    columns = [r[1] for r in c.execute("SELECT * FROM pragma_table_info(?) ORDER BY cid", (table,))]
    h = hashlib.sha256()
    feed(h, b"T", table.encode())
    for column in columns:
        feed(h, b"C", column.encode())
    count = 0
    listed = ", ".join('"%s"' % col for col in columns)
    for row in c.execute('SELECT %s FROM "%s" ORDER BY rowid' % (listed, table)):
        count += 1
        feed(h, b"R", b"")
        for value in row:
            if value is None:
                feed(h, b"N", b"")
            elif isinstance(value, int):
                feed(h, b"I", str(value).encode())
            elif isinstance(value, float):
                raise SystemExit("a REAL value: not written by gongqin")
            elif isinstance(value, bytes):
                feed(h, b"B", value)
            else:
                feed(h, b"S", value.encode())
    return count, h.hexdigest()


def overall(entries):
    h = hashlib.sha256()
    for key in sorted(entries):
        if key == "digest" or key.startswith("seal."):
            continue
        value = entries[key]
        h.update(("%d:%s%d:%s" % (len(key.encode()), key, len(value.encode()), value)).encode())
    return h.hexdigest()


def main():
    path, statements = sys.argv[1], sys.argv[2:]
    c = connect(path)
    c.execute("BEGIN")
    for sql in statements:
        c.execute(sql)
    manifest = dict(c.execute("SELECT key, value FROM bundle_manifest"))
    for key in [k for k in manifest if k.startswith("count.")]:
        table = key[len("count."):]
        count, digest = table_digest(c, table)
        manifest[key] = str(count)
        manifest["sha256." + table] = digest
    manifest["digest"] = overall(manifest)
    for key, value in manifest.items():
        c.execute("UPDATE bundle_manifest SET value = ? WHERE key = ?", (value, key))
    c.execute("COMMIT")
    c.close()


main()
