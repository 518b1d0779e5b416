-- 0010_seals: the unit's seal (须知·二 and 须知·六: the unit's 公章 on what it sends; README,
-- “The unit's seal”).
--
-- seal: with a key present, every write signs the log's head N:HASH as it stood at the end
-- of the write, inside the write's own transaction, and stores the signature with the
-- public key (Ed25519, base64). The seal's own insert is the one entry after N it covers.
-- A rotation (kind 'rotate') is signed by the key it replaces and names the new one.
-- Seals are logged like every row, so a seal removed is a change the log shows.
--
-- seal_trust: at a department, the public key each unit seals its bundles with.
CREATE TABLE seal (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL DEFAULT 'head' CHECK (kind IN ('head', 'rotate')),
    head_seq   INTEGER NOT NULL CHECK (head_seq >= 0),
    head_hash  TEXT NOT NULL CHECK (head_hash = '' OR (length(head_hash) = 64 AND head_hash NOT GLOB '*[^0-9a-f]*')),
    public_key TEXT NOT NULL CHECK (length(public_key) = 44),
    signature  TEXT NOT NULL CHECK (length(signature) = 88),
    new_key    TEXT CHECK ((kind = 'rotate') = (new_key IS NOT NULL) AND (new_key IS NULL OR length(new_key) = 44)),
    signed_at  TEXT NOT NULL
) STRICT;

CREATE TABLE seal_trust (
    unit       TEXT PRIMARY KEY CHECK (length(trim(unit)) BETWEEN 1 AND 200),
    public_key TEXT NOT NULL CHECK (length(public_key) = 44),
    trusted_on TEXT NOT NULL CHECK (date(trusted_on, '+0 days') IS trusted_on)
) STRICT;

-- The change-log triggers, written by ChangeLog.triggerSQL (GongQinStore/Log/ChangeLog.swift).
CREATE TRIGGER seal_log_insert AFTER INSERT ON seal BEGIN
  INSERT INTO change_log_append VALUES ('seal', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'insert', NULL,
    json_object('id', NEW.id, 'kind', NEW.kind, 'head_seq', NEW.head_seq, 'head_hash', NEW.head_hash, 'public_key', NEW.public_key, 'signature', NEW.signature, 'new_key', NEW.new_key, 'signed_at', NEW.signed_at));
END;
CREATE TRIGGER seal_log_update AFTER UPDATE ON seal BEGIN
  INSERT INTO change_log_append VALUES ('seal', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'update',
    json_object('id', OLD.id, 'kind', OLD.kind, 'head_seq', OLD.head_seq, 'head_hash', OLD.head_hash, 'public_key', OLD.public_key, 'signature', OLD.signature, 'new_key', OLD.new_key, 'signed_at', OLD.signed_at),
    json_object('id', NEW.id, 'kind', NEW.kind, 'head_seq', NEW.head_seq, 'head_hash', NEW.head_hash, 'public_key', NEW.public_key, 'signature', NEW.signature, 'new_key', NEW.new_key, 'signed_at', NEW.signed_at));
END;
CREATE TRIGGER seal_log_delete AFTER DELETE ON seal BEGIN
  INSERT INTO change_log_append VALUES ('seal', OLD.id, CAST(OLD.id AS TEXT), NULL, NULL, 'delete',
    json_object('id', OLD.id, 'kind', OLD.kind, 'head_seq', OLD.head_seq, 'head_hash', OLD.head_hash, 'public_key', OLD.public_key, 'signature', OLD.signature, 'new_key', OLD.new_key, 'signed_at', OLD.signed_at), NULL);
END;
CREATE TRIGGER seal_trust_log_insert AFTER INSERT ON seal_trust BEGIN
  INSERT INTO change_log_append VALUES ('seal_trust', NEW.rowid, NEW.unit, NULL, NULL, 'insert', NULL,
    json_object('unit', NEW.unit, 'public_key', NEW.public_key, 'trusted_on', NEW.trusted_on));
END;
CREATE TRIGGER seal_trust_log_update AFTER UPDATE ON seal_trust BEGIN
  INSERT INTO change_log_append VALUES ('seal_trust', NEW.rowid, NEW.unit, NULL, NULL, 'update',
    json_object('unit', OLD.unit, 'public_key', OLD.public_key, 'trusted_on', OLD.trusted_on),
    json_object('unit', NEW.unit, 'public_key', NEW.public_key, 'trusted_on', NEW.trusted_on));
END;
CREATE TRIGGER seal_trust_log_delete AFTER DELETE ON seal_trust BEGIN
  INSERT INTO change_log_append VALUES ('seal_trust', OLD.rowid, OLD.unit, NULL, NULL, 'delete',
    json_object('unit', OLD.unit, 'public_key', OLD.public_key, 'trusted_on', OLD.trusted_on), NULL);
END;
