-- 0002_policy: official policies loaded by `policy load`. A year without one
-- uses the notice's values: official for 2024, derived by the offsets of RULES §2 and
-- provisional for any other year.
CREATE TABLE policy (
    year      INTEGER PRIMARY KEY CHECK (year BETWEEN 1990 AND 2100),
    source    TEXT NOT NULL CHECK (length(trim(source)) > 0),
    document  TEXT NOT NULL CHECK (json_valid(document) AND json_extract(document, '$.year') = year),
    loaded_on TEXT NOT NULL CHECK (date(loaded_on, '+0 days') IS loaded_on)
) STRICT;

CREATE TRIGGER policy_log_insert AFTER INSERT ON policy BEGIN
  INSERT INTO change_log_append VALUES ('policy', NEW.year, CAST(NEW.year AS TEXT), NULL, NULL, 'insert', NULL,
    json_object('year', NEW.year, 'source', NEW.source, 'document', json(NEW.document), 'loaded_on', NEW.loaded_on));
END;
CREATE TRIGGER policy_log_update AFTER UPDATE ON policy BEGIN
  INSERT INTO change_log_append VALUES ('policy', NEW.year, CAST(NEW.year AS TEXT), NULL, NULL, 'update',
    json_object('year', OLD.year, 'source', OLD.source, 'document', json(OLD.document), 'loaded_on', OLD.loaded_on),
    json_object('year', NEW.year, 'source', NEW.source, 'document', json(NEW.document), 'loaded_on', NEW.loaded_on));
END;
CREATE TRIGGER policy_log_delete AFTER DELETE ON policy BEGIN
  INSERT INTO change_log_append VALUES ('policy', OLD.year, CAST(OLD.year AS TEXT), NULL, NULL, 'delete',
    json_object('year', OLD.year, 'source', OLD.source, 'document', json(OLD.document), 'loaded_on', OLD.loaded_on), NULL);
END;
