#!/usr/bin/env python3
"""Another SQLite client that defines gongqin's SQL functions, as anyone can (the chain hash
is documented): gongqin's triggers then fire, its log stays chained, and what this client
writes looks like gongqin's own work to the hash chain. Only the unit's seal tells them
apart (README, “What the log detects, and what it cannot”).

    client.py DB SQL [SQL...]     runs the statements in one transaction
"""
import hashlib, sqlite3, sys


def chain_hash(*fields):
    """gongqin's chain hash: each field as its UTF-8 length, ':' and its bytes; NULL as '-'."""
    h = hashlib.sha256()
    for f in fields:
        if f is None:
            h.update(b"-")
        else:
            b = str(f).encode()
            h.update(str(len(b)).encode() + b":" + b)
    return h.hexdigest()


def connect(path):
    c = sqlite3.connect(path)
    c.isolation_level = None
    c.create_function("gongqin_actor", 0, lambda: "another-client")
    c.create_function("gongqin_command", 0, lambda: "client.py")
    c.create_function("gongqin_bulk_table", 0, lambda: None)
    c.create_function("gongqin_chain_hash", 13, chain_hash)
    return c


if __name__ == "__main__":
    c = connect(sys.argv[1])
    c.execute("BEGIN")
    for sql in sys.argv[2:]:
        c.execute(sql)
    c.execute("COMMIT")
    c.close()
