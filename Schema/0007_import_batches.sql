-- 0007_import_batches: one change-log entry per imported file.
--
-- A bulk import (`gongqin import KIND FILE` without --update) no longer logs every row
-- it inserts. It writes one entry with op 'import' instead: table_name is the table,
-- row_id 0, row_key the file's name, and `after` a JSON object with the file's name and
-- SHA-256, the number of rows, the range of row ids the import created (first..last),
-- where each id came from in the file, and a SHA-256 digest over the canonical encoding
-- of every row written (the JSON the per-row triggers would have logged, in id order;
-- GongQinStore, ImportBatches). `check` recomputes the digest, taking for each row that
-- a later entry touched the `before` of that entry, so a row edited, added or deleted
-- behind gongqin's back is still found. Updates, deletes, single commands and
-- `import --update` keep their per-row entries with before and after.
--
-- The insert triggers of the tables an import writes skip their entry while
-- gongqin_bulk_table() names the table. That function exists only on gongqin's own
-- connections, where it returns NULL except inside an import's transaction; another
-- SQLite client that defines it writes rows that `check` finds (outside every batch's
-- range, or breaking a batch's digest).

-- The change log, rebuilt to admit op 'import'; entries, hashes and seq unchanged.
DROP TRIGGER change_log_no_update;
DROP TRIGGER change_log_no_delete;
DROP VIEW change_log_append;
CREATE TABLE change_log_0007 (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    command    TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    row_key    TEXT NOT NULL,
    person_row INTEGER,
    person     TEXT,
    op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'import')),
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after)),
    hash       TEXT NOT NULL,
    CHECK (op <> 'import' OR (row_id = 0 AND before IS NULL AND person_row IS NULL AND after IS NOT NULL))
) STRICT;
INSERT INTO change_log_0007 (seq, at, actor, command, table_name, row_id, row_key, person_row, person, op, before, after, hash)
    SELECT seq, at, actor, command, table_name, row_id, row_key, person_row, person, op, before, after, hash FROM change_log;
DROP TABLE change_log;
-- Legacy renaming leaves the triggers' references to change_log_append as they are; the
-- view is created again below.
PRAGMA legacy_alter_table = ON;
ALTER TABLE change_log_0007 RENAME TO change_log;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX change_log_row ON change_log (table_name, row_id);
CREATE INDEX change_log_person ON change_log (person_row) WHERE person_row IS NOT NULL;

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN
    SELECT RAISE(ABORT, 'change_log is append-only');
END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log BEGIN
    SELECT RAISE(ABORT, 'change_log is append-only');
END;

CREATE VIEW change_log_append (table_name, row_id, row_key, person_row, person, op, before, after) AS
    SELECT table_name, row_id, row_key, person_row, person, op, before, after FROM change_log WHERE 0;

CREATE TRIGGER change_log_append_insert INSTEAD OF INSERT ON change_log_append BEGIN
    INSERT INTO change_log (seq, at, actor, command, table_name, row_id, row_key, person_row, person, op, before, after, hash)
    SELECT h.seq, h.at, h.actor, h.command, NEW.table_name, NEW.row_id, NEW.row_key, NEW.person_row, NEW.person, NEW.op,
           NEW.before, NEW.after,
           gongqin_chain_hash(h.prev, h.seq, h.at, h.actor, h.command, NEW.table_name, NEW.row_id, NEW.row_key,
                              NEW.person_row, NEW.person, NEW.op, NEW.before, NEW.after)
    FROM (SELECT coalesce((SELECT seq FROM change_log ORDER BY seq DESC LIMIT 1), 0) + 1 AS seq,
                 strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
                 gongqin_actor() AS actor,
                 gongqin_command() AS command,
                 coalesce((SELECT hash FROM change_log ORDER BY seq DESC LIMIT 1), '') AS prev) AS h;
END;

-- The insert triggers of the tables an import writes, skipped for the table being imported.
DROP TRIGGER unit_log_insert;
CREATE TRIGGER unit_log_insert AFTER INSERT ON unit WHEN gongqin_bulk_table() IS NOT 'unit' BEGIN
  INSERT INTO change_log_append VALUES ('unit', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'insert', NULL,
    json_object('id', NEW.id, 'name', NEW.name, 'department', NEW.department, 'district', NEW.district));
END;
DROP TRIGGER trade_log_insert;
CREATE TRIGGER trade_log_insert AFTER INSERT ON trade WHEN gongqin_bulk_table() IS NOT 'trade' BEGIN
  INSERT INTO change_log_append VALUES ('trade', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'insert', NULL,
    json_object('id', NEW.id, 'name', NEW.name, 'category', NEW.category, 'max_grade', NEW.max_grade, 'driver', NEW.driver, 'cashier', NEW.cashier, 'licensed', NEW.licensed, 'builtin', NEW.builtin));
END;
DROP TRIGGER person_log_insert;
CREATE TRIGGER person_log_insert AFTER INSERT ON person WHEN gongqin_bulk_table() IS NOT 'person' BEGIN
  INSERT INTO change_log_append VALUES ('person', NEW.id, NEW.id_number, NEW.id, NEW.id_number, 'insert', NULL,
    json_object('id', NEW.id, 'id_number', NEW.id_number, 'name', NEW.name, 'unit_id', NEW.unit_id, 'trade_id', NEW.trade_id, 'work_start', NEW.work_start, 'probation_end', NEW.probation_end, 'enlisted', NEW.enlisted, 'discharged', NEW.discharged, 'placed', NEW.placed, 'from_province', NEW.from_province));
END;
DROP TRIGGER certificate_log_insert;
CREATE TRIGGER certificate_log_insert AFTER INSERT ON certificate WHEN gongqin_bulk_table() IS NOT 'certificate' BEGIN
  INSERT INTO change_log_append VALUES ('certificate', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'trade_id', NEW.trade_id, 'grade', NEW.grade, 'issued', NEW.issued, 'number', NEW.number, 'route', NEW.route, 'province', NEW.province));
END;
DROP TRIGGER transfer_log_insert;
CREATE TRIGGER transfer_log_insert AFTER INSERT ON transfer WHEN gongqin_bulk_table() IS NOT 'transfer' BEGIN
  INSERT INTO change_log_append VALUES ('transfer', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'from_trade_id', NEW.from_trade_id, 'to_trade_id', NEW.to_trade_id, 'date', NEW.date));
END;
DROP TRIGGER annual_assessment_log_insert;
CREATE TRIGGER annual_assessment_log_insert AFTER INSERT ON annual_assessment WHEN gongqin_bulk_table() IS NOT 'annual_assessment' BEGIN
  INSERT INTO change_log_append VALUES ('annual_assessment', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'year', NEW.year, 'result', NEW.result));
END;
DROP TRIGGER education_log_insert;
CREATE TRIGGER education_log_insert AFTER INSERT ON education WHEN gongqin_bulk_table() IS NOT 'education' BEGIN
  INSERT INTO change_log_append VALUES ('education', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'level', NEW.level, 'graduated', NEW.graduated, 'major', NEW.major, 'school', NEW.school, 'relevant', NEW.relevant));
END;
DROP TRIGGER award_log_insert;
CREATE TRIGGER award_log_insert AFTER INSERT ON award WHEN gongqin_bulk_table() IS NOT 'award' BEGIN
  INSERT INTO change_log_append VALUES ('award', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'name', NEW.name, 'date', NEW.date, 'issuer', NEW.issuer));
END;
DROP TRIGGER continuing_education_log_insert;
CREATE TRIGGER continuing_education_log_insert AFTER INSERT ON continuing_education WHEN gongqin_bulk_table() IS NOT 'continuing_education' BEGIN
  INSERT INTO change_log_append VALUES ('continuing_education', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'name', NEW.name, 'date', NEW.date, 'hours', NEW.hours, 'issuer', NEW.issuer));
END;
DROP TRIGGER exceptional_use_log_insert;
CREATE TRIGGER exceptional_use_log_insert AFTER INSERT ON exceptional_use WHEN gongqin_bulk_table() IS NOT 'exceptional_use' BEGIN
  INSERT INTO change_log_append VALUES ('exceptional_use', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'condition_code', NEW.condition_code, 'category', NEW.category, 'grade', NEW.grade, 'year', NEW.year, 'source', NEW.source, 'application_id', NEW.application_id, 'note', NEW.note));
END;
DROP TRIGGER job_log_insert;
CREATE TRIGGER job_log_insert AFTER INSERT ON job WHEN gongqin_bulk_table() IS NOT 'job' BEGIN
  INSERT INTO change_log_append VALUES ('job', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'from_date', NEW.from_date, 'to_date', NEW.to_date, 'unit', NEW.unit, 'post', NEW.post));
END;
