-- 0009_merge_provenance: where a department's record of each person came from last
-- (RULES R2, R3, Documentation/DEPARTMENTS.md).
--
-- A merge records, for every person a bundle brought or confirmed, the bundle_merge row
-- of that bundle. A later merge of a bundle made before that one (by its creation time,
-- or, from the same unit, by the head of the unit's log it was made from), or of a bundle
-- already merged, moves nobody back: its people are reported as stale and left as they
-- are.
CREATE TABLE person_source (
    person_id       INTEGER PRIMARY KEY REFERENCES person (id),
    bundle_merge_id INTEGER NOT NULL REFERENCES bundle_merge (id)
) STRICT;
CREATE INDEX person_source_merge ON person_source (bundle_merge_id);

-- The change-log triggers, written by ChangeLog.triggerSQL (GongQinStore/Log/ChangeLog.swift).
CREATE TRIGGER person_source_log_insert AFTER INSERT ON person_source BEGIN
  INSERT INTO change_log_append VALUES ('person_source', NEW.person_id, CAST(NEW.person_id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('person_id', NEW.person_id, 'bundle_merge_id', NEW.bundle_merge_id));
END;
CREATE TRIGGER person_source_log_update AFTER UPDATE ON person_source BEGIN
  INSERT INTO change_log_append VALUES ('person_source', NEW.person_id, CAST(NEW.person_id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('person_id', OLD.person_id, 'bundle_merge_id', OLD.bundle_merge_id),
    json_object('person_id', NEW.person_id, 'bundle_merge_id', NEW.bundle_merge_id));
END;
CREATE TRIGGER person_source_log_delete AFTER DELETE ON person_source BEGIN
  INSERT INTO change_log_append VALUES ('person_source', OLD.person_id, CAST(OLD.person_id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('person_id', OLD.person_id, 'bundle_merge_id', OLD.bundle_merge_id), NULL);
END;
