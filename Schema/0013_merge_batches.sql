-- A merge logs the rows a bundle adds to a table as one batch entry (op 'import', the
-- bundle's name, SHA-256 and unit), as an import logs a file, instead of one entry a row
-- (BENCHMARKS.md, Department merge). The tables a merge fills in bulk already
-- have insert triggers that a bulk write silences (Schema/0007) except person_source, the
-- bundle each merged person came from: its insert trigger is written again with the same
-- WHEN. It is ChangeLog.triggerSQL's output for the table.
DROP TRIGGER person_source_log_insert;

CREATE TRIGGER person_source_log_insert AFTER INSERT ON person_source WHEN gongqin_bulk_table() IS NOT 'person_source' BEGIN
  INSERT INTO change_log_append VALUES ('person_source', NEW.person_id, CAST(NEW.person_id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('person_id', NEW.person_id, 'bundle_merge_id', NEW.bundle_merge_id));
END;
