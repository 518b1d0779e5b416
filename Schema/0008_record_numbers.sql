-- 0008_record_numbers: a record number (编号) is never given to a second record (RULES R1,
-- Documentation/CLI.md, record numbers), a certificate's identity includes where it was
-- issued (RULES V6), and a note holds at most 1,000 characters (CLI.md, limits).
--
-- Every table with an integer id is rebuilt with AUTOINCREMENT: SQLite then never hands
-- out an id it gave before, even after the row with the largest id is removed. Each
-- table's counter (sqlite_sequence) starts at the largest id the table ever had: the rows
-- it holds, and every row the change log names, removed ones and those of import batches
-- included, so a number removed before this migration is not given out again either.
--
-- Rows keep their ids and values: the change log and the batch digests still account for
-- every row. gongqin applies migrations with foreign keys off and checks them
-- (PRAGMA foreign_key_check) before the transaction commits (GongQinStore, the gate).
-- Renaming in the legacy way leaves the references of other tables as they are: each old
-- table is renamed away, the new one takes its name, and the old one is dropped.

-- The triggers and indexes of the rebuilt tables go first and are made again at the end.

DROP TRIGGER unit_log_insert;
DROP TRIGGER unit_log_update;
DROP TRIGGER unit_log_delete;
DROP TRIGGER trade_log_insert;
DROP TRIGGER trade_log_update;
DROP TRIGGER trade_log_delete;
DROP TRIGGER person_log_insert;
DROP TRIGGER person_log_update;
DROP TRIGGER person_log_delete;
DROP TRIGGER certificate_log_insert;
DROP TRIGGER certificate_log_update;
DROP TRIGGER certificate_log_delete;
DROP TRIGGER transfer_log_insert;
DROP TRIGGER transfer_log_update;
DROP TRIGGER transfer_log_delete;
DROP TRIGGER annual_assessment_log_insert;
DROP TRIGGER annual_assessment_log_update;
DROP TRIGGER annual_assessment_log_delete;
DROP TRIGGER education_log_insert;
DROP TRIGGER education_log_update;
DROP TRIGGER education_log_delete;
DROP TRIGGER award_log_insert;
DROP TRIGGER award_log_update;
DROP TRIGGER award_log_delete;
DROP TRIGGER continuing_education_log_insert;
DROP TRIGGER continuing_education_log_update;
DROP TRIGGER continuing_education_log_delete;
DROP TRIGGER application_log_insert;
DROP TRIGGER application_log_update;
DROP TRIGGER application_log_delete;
DROP TRIGGER exceptional_use_log_insert;
DROP TRIGGER exceptional_use_log_update;
DROP TRIGGER exceptional_use_log_delete;
DROP TRIGGER job_log_insert;
DROP TRIGGER job_log_update;
DROP TRIGGER job_log_delete;
DROP TRIGGER bundle_merge_log_insert;
DROP TRIGGER bundle_merge_log_update;
DROP TRIGGER bundle_merge_log_delete;
DROP TRIGGER second_use_log_insert;
DROP TRIGGER second_use_log_update;
DROP TRIGGER second_use_log_delete;
DROP TRIGGER application_lifecycle;
DROP TRIGGER application_withdrawn_releases;
DROP TRIGGER exceptional_use_open_application;
DROP INDEX person_unit;
DROP INDEX application_one_open_per_cycle;
DROP INDEX exceptional_use_application;
DROP INDEX application_cycle;
DROP INDEX application_person;
DROP INDEX job_one_current;
DROP INDEX bundle_merge_digest;
DROP INDEX second_use_person;

PRAGMA legacy_alter_table = ON;

-- unit
ALTER TABLE unit RENAME TO unit_0007;
CREATE TABLE unit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 200),
    department  TEXT CHECK (department IS NULL OR length(trim(department)) BETWEEN 1 AND 200),
    district    TEXT CHECK (district IS NULL OR length(trim(district)) BETWEEN 1 AND 100)
) STRICT;
INSERT INTO unit (id, name, department, district)
    SELECT id, name, department, district FROM unit_0007 ORDER BY id;
DROP TABLE unit_0007;

-- trade
ALTER TABLE trade RENAME TO trade_0007;
CREATE TABLE trade (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 100),
    category    TEXT CHECK (category IS NULL OR length(trim(category)) BETWEEN 1 AND 50),
    max_grade   TEXT NOT NULL DEFAULT 'senior'
                CHECK (max_grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    driver      INTEGER NOT NULL DEFAULT 0 CHECK (driver IN (0, 1)),
    cashier     INTEGER NOT NULL DEFAULT 0 CHECK (cashier IN (0, 1)),
    licensed    INTEGER NOT NULL DEFAULT 0 CHECK (licensed IN (0, 1)),
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
) STRICT;
INSERT INTO trade (id, name, category, max_grade, driver, cashier, licensed, builtin)
    SELECT id, name, category, max_grade, driver, cashier, licensed, builtin FROM trade_0007 ORDER BY id;
DROP TABLE trade_0007;

-- person
ALTER TABLE person RENAME TO person_0007;
CREATE TABLE person (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    id_number     TEXT NOT NULL UNIQUE
                  CHECK (length(id_number) = 18
                         AND id_number GLOB '[1-9][0-9][0-9][0-9][0-9][0-9][12][0-9][0-9][0-9][01][0-9][0-3][0-9][0-9][0-9][0-9][0-9X]'
                         AND date(substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-' || substr(id_number, 13, 2), '+0 days')
                             IS substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-' || substr(id_number, 13, 2)),
    name          TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 50),
    unit_id       INTEGER NOT NULL REFERENCES unit (id),
    trade_id      INTEGER NOT NULL REFERENCES trade (id),
    work_start    TEXT NOT NULL CHECK (date(work_start, '+0 days') IS work_start),
    probation_end TEXT CHECK (probation_end IS NULL OR (date(probation_end, '+0 days') IS probation_end AND probation_end >= work_start)),
    enlisted      TEXT CHECK (enlisted IS NULL OR date(enlisted, '+0 days') IS enlisted),
    discharged    TEXT CHECK (discharged IS NULL OR (date(discharged, '+0 days') IS discharged AND enlisted IS NOT NULL AND discharged >= enlisted)),
    placed        TEXT CHECK (placed IS NULL OR (date(placed, '+0 days') IS placed AND enlisted IS NOT NULL AND placed >= enlisted)),
    from_province TEXT CHECK (from_province IS NULL OR length(trim(from_province)) BETWEEN 1 AND 20)
) STRICT;
INSERT INTO person (id, id_number, name, unit_id, trade_id, work_start, probation_end, enlisted, discharged, placed, from_province)
    SELECT id, id_number, name, unit_id, trade_id, work_start, probation_end, enlisted, discharged, placed, from_province FROM person_0007 ORDER BY id;
DROP TABLE person_0007;

-- certificate
ALTER TABLE certificate RENAME TO certificate_0007;
-- V6: a certificate is one per person, trade, grade and issuing province, 江苏 however it
-- is spelt. An out-of-province certificate and its Jiangsu review certificate of the same
-- trade and grade are two records; two Jiangsu certificates of one trade and grade are one
-- (the unique index certificate_identity below).
CREATE TABLE certificate (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person (id),
    trade_id  INTEGER NOT NULL REFERENCES trade (id),
    grade     TEXT NOT NULL CHECK (grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    issued    TEXT NOT NULL CHECK (date(issued, '+0 days') IS issued),
    number    TEXT UNIQUE CHECK (number IS NULL OR length(trim(number)) BETWEEN 1 AND 50),
    route     TEXT NOT NULL DEFAULT 'normal' CHECK (route IN ('normal', 'early', 'exceptional', 'transfer', 'review')),
    province  TEXT NOT NULL DEFAULT '江苏' CHECK (length(trim(province)) BETWEEN 1 AND 20)
) STRICT;
INSERT INTO certificate (id, person_id, trade_id, grade, issued, number, route, province)
    SELECT id, person_id, trade_id, grade, issued, number, route, province FROM certificate_0007 ORDER BY id;
DROP TABLE certificate_0007;

-- transfer
ALTER TABLE transfer RENAME TO transfer_0007;
CREATE TABLE transfer (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    from_trade_id INTEGER NOT NULL REFERENCES trade (id),
    to_trade_id   INTEGER NOT NULL REFERENCES trade (id),
    date          TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    CHECK (from_trade_id <> to_trade_id),
    UNIQUE (person_id, date)
) STRICT;
INSERT INTO transfer (id, person_id, from_trade_id, to_trade_id, date)
    SELECT id, person_id, from_trade_id, to_trade_id, date FROM transfer_0007 ORDER BY id;
DROP TABLE transfer_0007;

-- annual_assessment
ALTER TABLE annual_assessment RENAME TO annual_assessment_0007;
CREATE TABLE annual_assessment (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person (id),
    year      INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    result    TEXT NOT NULL CHECK (result IN ('excellent', 'pass', 'basic', 'fail')),
    UNIQUE (person_id, year)
) STRICT;
INSERT INTO annual_assessment (id, person_id, year, result)
    SELECT id, person_id, year, result FROM annual_assessment_0007 ORDER BY id;
DROP TABLE annual_assessment_0007;

-- education
ALTER TABLE education RENAME TO education_0007;
CREATE TABLE education (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person (id),
    level     TEXT NOT NULL CHECK (level IN ('初中', '高中', '中专', '职高', '技校', '高级技工学校', '技师学院',
                                             '大专', '本科', '硕士', '博士', '成人高等教育专业证书')),
    graduated TEXT NOT NULL CHECK (date(graduated, '+0 days') IS graduated),
    major     TEXT CHECK (major IS NULL OR length(trim(major)) BETWEEN 1 AND 100),
    school    TEXT CHECK (school IS NULL OR length(trim(school)) BETWEEN 1 AND 100),
    relevant  INTEGER NOT NULL DEFAULT 0 CHECK (relevant IN (0, 1)),
    UNIQUE (person_id, level, graduated)
) STRICT;
INSERT INTO education (id, person_id, level, graduated, major, school, relevant)
    SELECT id, person_id, level, graduated, major, school, relevant FROM education_0007 ORDER BY id;
DROP TABLE education_0007;

-- award
ALTER TABLE award RENAME TO award_0007;
CREATE TABLE award (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person (id),
    name      TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    date      TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    issuer    TEXT CHECK (issuer IS NULL OR length(trim(issuer)) BETWEEN 1 AND 100),
    UNIQUE (person_id, name, date)
) STRICT;
INSERT INTO award (id, person_id, name, date, issuer)
    SELECT id, person_id, name, date, issuer FROM award_0007 ORDER BY id;
DROP TABLE award_0007;

-- continuing_education
ALTER TABLE continuing_education RENAME TO continuing_education_0007;
CREATE TABLE continuing_education (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person (id),
    name      TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    date      TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    hours     INTEGER CHECK (hours IS NULL OR hours BETWEEN 1 AND 10000),
    issuer    TEXT CHECK (issuer IS NULL OR length(trim(issuer)) BETWEEN 1 AND 100),
    UNIQUE (person_id, name, date)
) STRICT;
INSERT INTO continuing_education (id, person_id, name, date, hours, issuer)
    SELECT id, person_id, name, date, hours, issuer FROM continuing_education_0007 ORDER BY id;
DROP TABLE continuing_education_0007;

-- application
ALTER TABLE application RENAME TO application_0007;
CREATE TABLE application (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id        INTEGER NOT NULL REFERENCES person (id),
    cycle            INTEGER NOT NULL CHECK (cycle BETWEEN 1950 AND 2100),
    grade            TEXT NOT NULL CHECK (grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    module           TEXT NOT NULL CHECK (module IN ('normal', 'early', 'exceptional', 'transfer', 'review')),
    trade_id         INTEGER NOT NULL REFERENCES trade (id),
    status           TEXT NOT NULL DEFAULT 'filed'
                     CHECK (status IN ('filed', 'returned', 'accepted', 'passed', 'failed', 'deferred', 'withdrawn')),
    filed_on         TEXT NOT NULL CHECK (date(filed_on, '+0 days') IS filed_on),
    certificate_year INTEGER NOT NULL CHECK (certificate_year IN (cycle, cycle + 1)),
    note             TEXT CHECK (note IS NULL OR length(note) <= 1000),
    exam_result      TEXT CHECK (exam_result IS NULL OR exam_result IN ('passed', 'failed')),
    review_result    TEXT CHECK (review_result IS NULL OR review_result IN ('passed', 'failed'))
) STRICT;
INSERT INTO application (id, person_id, cycle, grade, module, trade_id, status, filed_on, certificate_year, note, exam_result, review_result)
    SELECT id, person_id, cycle, grade, module, trade_id, status, filed_on, certificate_year, note, exam_result, review_result FROM application_0007 ORDER BY id;
DROP TABLE application_0007;

-- exceptional_use
ALTER TABLE exceptional_use RENAME TO exceptional_use_0007;
CREATE TABLE exceptional_use (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id      INTEGER NOT NULL REFERENCES person (id),
    condition_code TEXT NOT NULL,
    category       TEXT NOT NULL,
    grade          TEXT NOT NULL CHECK (grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    year           INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    source         TEXT NOT NULL CHECK (source IN ('historic', 'application')),
    application_id INTEGER REFERENCES application (id),
    note           TEXT CHECK (note IS NULL OR length(note) <= 1000),
    FOREIGN KEY (condition_code, category) REFERENCES exceptional_condition (code, category),
    CHECK ((source = 'application') = (application_id IS NOT NULL)),
    UNIQUE (person_id, category)
) STRICT;
INSERT INTO exceptional_use (id, person_id, condition_code, category, grade, year, source, application_id, note)
    SELECT id, person_id, condition_code, category, grade, year, source, application_id, note FROM exceptional_use_0007 ORDER BY id;
DROP TABLE exceptional_use_0007;

-- job
ALTER TABLE job RENAME TO job_0007;
CREATE TABLE job (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person (id),
    from_date TEXT NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    to_date   TEXT CHECK (to_date IS NULL OR (date(to_date, '+0 days') IS to_date AND to_date >= from_date)),
    unit      TEXT NOT NULL CHECK (length(trim(unit)) BETWEEN 1 AND 200),
    post      TEXT NOT NULL CHECK (length(trim(post)) BETWEEN 1 AND 100),
    UNIQUE (person_id, from_date)
) STRICT;
INSERT INTO job (id, person_id, from_date, to_date, unit, post)
    SELECT id, person_id, from_date, to_date, unit, post FROM job_0007 ORDER BY id;
DROP TABLE job_0007;

-- bundle_merge
ALTER TABLE bundle_merge RENAME TO bundle_merge_0007;
CREATE TABLE bundle_merge (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    digest              TEXT NOT NULL CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
    unit                TEXT NOT NULL CHECK (length(trim(unit)) BETWEEN 1 AND 200),
    department          TEXT CHECK (department IS NULL OR length(trim(department)) BETWEEN 1 AND 200),
    created_at          TEXT NOT NULL,
    source_head_entries INTEGER NOT NULL CHECK (source_head_entries >= 0),
    source_head_hash    TEXT NOT NULL,
    merged_at           TEXT NOT NULL,
    prefer              TEXT CHECK (prefer IS NULL OR prefer IN ('bundle', 'stored')),
    added               INTEGER NOT NULL CHECK (added >= 0),
    moved               INTEGER NOT NULL CHECK (moved >= 0),
    conflicts           INTEGER NOT NULL CHECK (conflicts >= 0),
    findings            INTEGER NOT NULL CHECK (findings >= 0)
) STRICT;
INSERT INTO bundle_merge (id, digest, unit, department, created_at, source_head_entries, source_head_hash, merged_at, prefer, added, moved, conflicts, findings)
    SELECT id, digest, unit, department, created_at, source_head_entries, source_head_hash, merged_at, prefer, added, moved, conflicts, findings FROM bundle_merge_0007 ORDER BY id;
DROP TABLE bundle_merge_0007;

-- second_use
ALTER TABLE second_use RENAME TO second_use_0007;
CREATE TABLE second_use (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id       INTEGER NOT NULL REFERENCES person (id),
    condition_code  TEXT NOT NULL,
    category        TEXT NOT NULL,
    grade           TEXT NOT NULL CHECK (grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    year            INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    source          TEXT NOT NULL CHECK (source IN ('historic', 'application')),
    note            TEXT CHECK (note IS NULL OR length(note) <= 1000),
    unit            TEXT NOT NULL CHECK (length(trim(unit)) BETWEEN 1 AND 200),
    first_unit      TEXT NOT NULL CHECK (length(trim(first_unit)) BETWEEN 1 AND 200),
    bundle_merge_id INTEGER NOT NULL REFERENCES bundle_merge (id),
    FOREIGN KEY (condition_code, category) REFERENCES exceptional_condition (code, category),
    UNIQUE (person_id, category, grade, year)
) STRICT;
INSERT INTO second_use (id, person_id, condition_code, category, grade, year, source, note, unit, first_unit, bundle_merge_id)
    SELECT id, person_id, condition_code, category, grade, year, source, note, unit, first_unit, bundle_merge_id FROM second_use_0007 ORDER BY id;
DROP TABLE second_use_0007;
PRAGMA legacy_alter_table = OFF;

-- Each counter starts at the largest id the table has ever had.
DELETE FROM sqlite_sequence WHERE name = 'unit';
INSERT INTO sqlite_sequence (name, seq) SELECT 'unit', max(
    coalesce((SELECT max(id) FROM unit), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'unit' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'unit' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'trade';
INSERT INTO sqlite_sequence (name, seq) SELECT 'trade', max(
    coalesce((SELECT max(id) FROM trade), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'trade' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'trade' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'person';
INSERT INTO sqlite_sequence (name, seq) SELECT 'person', max(
    coalesce((SELECT max(id) FROM person), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'person' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'person' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'certificate';
INSERT INTO sqlite_sequence (name, seq) SELECT 'certificate', max(
    coalesce((SELECT max(id) FROM certificate), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'certificate' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'certificate' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'transfer';
INSERT INTO sqlite_sequence (name, seq) SELECT 'transfer', max(
    coalesce((SELECT max(id) FROM transfer), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'transfer' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'transfer' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'annual_assessment';
INSERT INTO sqlite_sequence (name, seq) SELECT 'annual_assessment', max(
    coalesce((SELECT max(id) FROM annual_assessment), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'annual_assessment' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'annual_assessment' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'education';
INSERT INTO sqlite_sequence (name, seq) SELECT 'education', max(
    coalesce((SELECT max(id) FROM education), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'education' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'education' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'award';
INSERT INTO sqlite_sequence (name, seq) SELECT 'award', max(
    coalesce((SELECT max(id) FROM award), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'award' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'award' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'continuing_education';
INSERT INTO sqlite_sequence (name, seq) SELECT 'continuing_education', max(
    coalesce((SELECT max(id) FROM continuing_education), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'continuing_education' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'continuing_education' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'application';
INSERT INTO sqlite_sequence (name, seq) SELECT 'application', max(
    coalesce((SELECT max(id) FROM application), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'application' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'application' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'exceptional_use';
INSERT INTO sqlite_sequence (name, seq) SELECT 'exceptional_use', max(
    coalesce((SELECT max(id) FROM exceptional_use), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'exceptional_use' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'exceptional_use' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'job';
INSERT INTO sqlite_sequence (name, seq) SELECT 'job', max(
    coalesce((SELECT max(id) FROM job), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'job' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'job' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'bundle_merge';
INSERT INTO sqlite_sequence (name, seq) SELECT 'bundle_merge', max(
    coalesce((SELECT max(id) FROM bundle_merge), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'bundle_merge' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'bundle_merge' AND op = 'import'), 0));
DELETE FROM sqlite_sequence WHERE name = 'second_use';
INSERT INTO sqlite_sequence (name, seq) SELECT 'second_use', max(
    coalesce((SELECT max(id) FROM second_use), 0),
    coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'second_use' AND op <> 'import'), 0),
    coalesce((SELECT max(json_extract(after, '$.last')) FROM change_log WHERE table_name = 'second_use' AND op = 'import'), 0));

-- The indexes, as before, and the certificate's identity (V6).
CREATE INDEX person_unit ON person (unit_id);
CREATE UNIQUE INDEX certificate_identity
    ON certificate (person_id, trade_id, grade, (CASE WHEN province IN ('江苏', '江苏省') THEN '江苏' ELSE province END));
CREATE UNIQUE INDEX application_one_open_per_cycle ON application (person_id, cycle) WHERE status <> 'withdrawn';
CREATE INDEX application_cycle ON application (cycle, status);
CREATE INDEX application_person ON application (person_id);
CREATE INDEX exceptional_use_application ON exceptional_use (application_id);
CREATE UNIQUE INDEX job_one_current ON job (person_id) WHERE to_date IS NULL;
CREATE INDEX bundle_merge_digest ON bundle_merge (digest);
CREATE INDEX second_use_person ON second_use (person_id);

-- The application lifecycle and the uses it holds (Schema/0003), as before.
CREATE TRIGGER application_lifecycle BEFORE UPDATE OF status ON application
WHEN OLD.status <> NEW.status AND NOT (
       (OLD.status = 'filed' AND NEW.status IN ('returned', 'accepted', 'withdrawn'))
    OR (OLD.status = 'returned' AND NEW.status IN ('filed', 'withdrawn'))
    OR (OLD.status = 'accepted' AND NEW.status IN ('passed', 'failed', 'deferred')))
BEGIN
    SELECT RAISE(ABORT, 'application status change not allowed');
END;

CREATE TRIGGER application_withdrawn_releases BEFORE UPDATE OF status ON application
WHEN NEW.status = 'withdrawn' AND EXISTS (SELECT 1 FROM exceptional_use WHERE application_id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'a withdrawn application may not hold exceptional uses');
END;

CREATE TRIGGER exceptional_use_open_application BEFORE INSERT ON exceptional_use
WHEN NEW.application_id IS NOT NULL
     AND (SELECT status FROM application WHERE id = NEW.application_id) = 'withdrawn'
BEGIN
    SELECT RAISE(ABORT, 'a withdrawn application may not hold exceptional uses');
END;

-- The change-log triggers of the rebuilt tables, written by ChangeLog.triggerSQL
-- (GongQinStore/Log/ChangeLog.swift); SchemaTests holds them to it.
CREATE TRIGGER unit_log_insert AFTER INSERT ON unit WHEN gongqin_bulk_table() IS NOT 'unit' BEGIN
  INSERT INTO change_log_append VALUES ('unit', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'insert', NULL,
    json_object('id', NEW.id, 'name', NEW.name, 'department', NEW.department, 'district', NEW.district));
END;
CREATE TRIGGER unit_log_update AFTER UPDATE ON unit BEGIN
  INSERT INTO change_log_append VALUES ('unit', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'update',
    json_object('id', OLD.id, 'name', OLD.name, 'department', OLD.department, 'district', OLD.district),
    json_object('id', NEW.id, 'name', NEW.name, 'department', NEW.department, 'district', NEW.district));
END;
CREATE TRIGGER unit_log_delete AFTER DELETE ON unit BEGIN
  INSERT INTO change_log_append VALUES ('unit', OLD.id, CAST(OLD.id AS TEXT), NULL, NULL, 'delete',
    json_object('id', OLD.id, 'name', OLD.name, 'department', OLD.department, 'district', OLD.district), NULL);
END;
CREATE TRIGGER trade_log_insert AFTER INSERT ON trade WHEN gongqin_bulk_table() IS NOT 'trade' BEGIN
  INSERT INTO change_log_append VALUES ('trade', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'insert', NULL,
    json_object('id', NEW.id, 'name', NEW.name, 'category', NEW.category, 'max_grade', NEW.max_grade, 'driver', NEW.driver, 'cashier', NEW.cashier, 'licensed', NEW.licensed, 'builtin', NEW.builtin));
END;
CREATE TRIGGER trade_log_update AFTER UPDATE ON trade BEGIN
  INSERT INTO change_log_append VALUES ('trade', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'update',
    json_object('id', OLD.id, 'name', OLD.name, 'category', OLD.category, 'max_grade', OLD.max_grade, 'driver', OLD.driver, 'cashier', OLD.cashier, 'licensed', OLD.licensed, 'builtin', OLD.builtin),
    json_object('id', NEW.id, 'name', NEW.name, 'category', NEW.category, 'max_grade', NEW.max_grade, 'driver', NEW.driver, 'cashier', NEW.cashier, 'licensed', NEW.licensed, 'builtin', NEW.builtin));
END;
CREATE TRIGGER trade_log_delete AFTER DELETE ON trade BEGIN
  INSERT INTO change_log_append VALUES ('trade', OLD.id, CAST(OLD.id AS TEXT), NULL, NULL, 'delete',
    json_object('id', OLD.id, 'name', OLD.name, 'category', OLD.category, 'max_grade', OLD.max_grade, 'driver', OLD.driver, 'cashier', OLD.cashier, 'licensed', OLD.licensed, 'builtin', OLD.builtin), NULL);
END;
CREATE TRIGGER person_log_insert AFTER INSERT ON person WHEN gongqin_bulk_table() IS NOT 'person' BEGIN
  INSERT INTO change_log_append VALUES ('person', NEW.id, NEW.id_number, NEW.id, NEW.id_number, 'insert', NULL,
    json_object('id', NEW.id, 'id_number', NEW.id_number, 'name', NEW.name, 'unit_id', NEW.unit_id, 'trade_id', NEW.trade_id, 'work_start', NEW.work_start, 'probation_end', NEW.probation_end, 'enlisted', NEW.enlisted, 'discharged', NEW.discharged, 'placed', NEW.placed, 'from_province', NEW.from_province));
END;
CREATE TRIGGER person_log_update AFTER UPDATE ON person BEGIN
  INSERT INTO change_log_append VALUES ('person', NEW.id, NEW.id_number, NEW.id, NEW.id_number, 'update',
    json_object('id', OLD.id, 'id_number', OLD.id_number, 'name', OLD.name, 'unit_id', OLD.unit_id, 'trade_id', OLD.trade_id, 'work_start', OLD.work_start, 'probation_end', OLD.probation_end, 'enlisted', OLD.enlisted, 'discharged', OLD.discharged, 'placed', OLD.placed, 'from_province', OLD.from_province),
    json_object('id', NEW.id, 'id_number', NEW.id_number, 'name', NEW.name, 'unit_id', NEW.unit_id, 'trade_id', NEW.trade_id, 'work_start', NEW.work_start, 'probation_end', NEW.probation_end, 'enlisted', NEW.enlisted, 'discharged', NEW.discharged, 'placed', NEW.placed, 'from_province', NEW.from_province));
END;
CREATE TRIGGER person_log_delete AFTER DELETE ON person BEGIN
  INSERT INTO change_log_append VALUES ('person', OLD.id, OLD.id_number, OLD.id, OLD.id_number, 'delete',
    json_object('id', OLD.id, 'id_number', OLD.id_number, 'name', OLD.name, 'unit_id', OLD.unit_id, 'trade_id', OLD.trade_id, 'work_start', OLD.work_start, 'probation_end', OLD.probation_end, 'enlisted', OLD.enlisted, 'discharged', OLD.discharged, 'placed', OLD.placed, 'from_province', OLD.from_province), NULL);
END;
CREATE TRIGGER certificate_log_insert AFTER INSERT ON certificate WHEN gongqin_bulk_table() IS NOT 'certificate' BEGIN
  INSERT INTO change_log_append VALUES ('certificate', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'trade_id', NEW.trade_id, 'grade', NEW.grade, 'issued', NEW.issued, 'number', NEW.number, 'route', NEW.route, 'province', NEW.province));
END;
CREATE TRIGGER certificate_log_update AFTER UPDATE ON certificate BEGIN
  INSERT INTO change_log_append VALUES ('certificate', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'trade_id', OLD.trade_id, 'grade', OLD.grade, 'issued', OLD.issued, 'number', OLD.number, 'route', OLD.route, 'province', OLD.province),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'trade_id', NEW.trade_id, 'grade', NEW.grade, 'issued', NEW.issued, 'number', NEW.number, 'route', NEW.route, 'province', NEW.province));
END;
CREATE TRIGGER certificate_log_delete AFTER DELETE ON certificate BEGIN
  INSERT INTO change_log_append VALUES ('certificate', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'trade_id', OLD.trade_id, 'grade', OLD.grade, 'issued', OLD.issued, 'number', OLD.number, 'route', OLD.route, 'province', OLD.province), NULL);
END;
CREATE TRIGGER transfer_log_insert AFTER INSERT ON transfer WHEN gongqin_bulk_table() IS NOT 'transfer' BEGIN
  INSERT INTO change_log_append VALUES ('transfer', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'from_trade_id', NEW.from_trade_id, 'to_trade_id', NEW.to_trade_id, 'date', NEW.date));
END;
CREATE TRIGGER transfer_log_update AFTER UPDATE ON transfer BEGIN
  INSERT INTO change_log_append VALUES ('transfer', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'from_trade_id', OLD.from_trade_id, 'to_trade_id', OLD.to_trade_id, 'date', OLD.date),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'from_trade_id', NEW.from_trade_id, 'to_trade_id', NEW.to_trade_id, 'date', NEW.date));
END;
CREATE TRIGGER transfer_log_delete AFTER DELETE ON transfer BEGIN
  INSERT INTO change_log_append VALUES ('transfer', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'from_trade_id', OLD.from_trade_id, 'to_trade_id', OLD.to_trade_id, 'date', OLD.date), NULL);
END;
CREATE TRIGGER annual_assessment_log_insert AFTER INSERT ON annual_assessment WHEN gongqin_bulk_table() IS NOT 'annual_assessment' BEGIN
  INSERT INTO change_log_append VALUES ('annual_assessment', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'year', NEW.year, 'result', NEW.result));
END;
CREATE TRIGGER annual_assessment_log_update AFTER UPDATE ON annual_assessment BEGIN
  INSERT INTO change_log_append VALUES ('annual_assessment', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'year', OLD.year, 'result', OLD.result),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'year', NEW.year, 'result', NEW.result));
END;
CREATE TRIGGER annual_assessment_log_delete AFTER DELETE ON annual_assessment BEGIN
  INSERT INTO change_log_append VALUES ('annual_assessment', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'year', OLD.year, 'result', OLD.result), NULL);
END;
CREATE TRIGGER education_log_insert AFTER INSERT ON education WHEN gongqin_bulk_table() IS NOT 'education' BEGIN
  INSERT INTO change_log_append VALUES ('education', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'level', NEW.level, 'graduated', NEW.graduated, 'major', NEW.major, 'school', NEW.school, 'relevant', NEW.relevant));
END;
CREATE TRIGGER education_log_update AFTER UPDATE ON education BEGIN
  INSERT INTO change_log_append VALUES ('education', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'level', OLD.level, 'graduated', OLD.graduated, 'major', OLD.major, 'school', OLD.school, 'relevant', OLD.relevant),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'level', NEW.level, 'graduated', NEW.graduated, 'major', NEW.major, 'school', NEW.school, 'relevant', NEW.relevant));
END;
CREATE TRIGGER education_log_delete AFTER DELETE ON education BEGIN
  INSERT INTO change_log_append VALUES ('education', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'level', OLD.level, 'graduated', OLD.graduated, 'major', OLD.major, 'school', OLD.school, 'relevant', OLD.relevant), NULL);
END;
CREATE TRIGGER award_log_insert AFTER INSERT ON award WHEN gongqin_bulk_table() IS NOT 'award' BEGIN
  INSERT INTO change_log_append VALUES ('award', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'name', NEW.name, 'date', NEW.date, 'issuer', NEW.issuer));
END;
CREATE TRIGGER award_log_update AFTER UPDATE ON award BEGIN
  INSERT INTO change_log_append VALUES ('award', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'name', OLD.name, 'date', OLD.date, 'issuer', OLD.issuer),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'name', NEW.name, 'date', NEW.date, 'issuer', NEW.issuer));
END;
CREATE TRIGGER award_log_delete AFTER DELETE ON award BEGIN
  INSERT INTO change_log_append VALUES ('award', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'name', OLD.name, 'date', OLD.date, 'issuer', OLD.issuer), NULL);
END;
CREATE TRIGGER continuing_education_log_insert AFTER INSERT ON continuing_education WHEN gongqin_bulk_table() IS NOT 'continuing_education' BEGIN
  INSERT INTO change_log_append VALUES ('continuing_education', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'name', NEW.name, 'date', NEW.date, 'hours', NEW.hours, 'issuer', NEW.issuer));
END;
CREATE TRIGGER continuing_education_log_update AFTER UPDATE ON continuing_education BEGIN
  INSERT INTO change_log_append VALUES ('continuing_education', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'name', OLD.name, 'date', OLD.date, 'hours', OLD.hours, 'issuer', OLD.issuer),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'name', NEW.name, 'date', NEW.date, 'hours', NEW.hours, 'issuer', NEW.issuer));
END;
CREATE TRIGGER continuing_education_log_delete AFTER DELETE ON continuing_education BEGIN
  INSERT INTO change_log_append VALUES ('continuing_education', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'name', OLD.name, 'date', OLD.date, 'hours', OLD.hours, 'issuer', OLD.issuer), NULL);
END;
CREATE TRIGGER application_log_insert AFTER INSERT ON application BEGIN
  INSERT INTO change_log_append VALUES ('application', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'cycle', NEW.cycle, 'grade', NEW.grade, 'module', NEW.module, 'trade_id', NEW.trade_id, 'status', NEW.status, 'filed_on', NEW.filed_on, 'certificate_year', NEW.certificate_year, 'note', NEW.note, 'exam_result', NEW.exam_result, 'review_result', NEW.review_result));
END;
CREATE TRIGGER application_log_update AFTER UPDATE ON application BEGIN
  INSERT INTO change_log_append VALUES ('application', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'cycle', OLD.cycle, 'grade', OLD.grade, 'module', OLD.module, 'trade_id', OLD.trade_id, 'status', OLD.status, 'filed_on', OLD.filed_on, 'certificate_year', OLD.certificate_year, 'note', OLD.note, 'exam_result', OLD.exam_result, 'review_result', OLD.review_result),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'cycle', NEW.cycle, 'grade', NEW.grade, 'module', NEW.module, 'trade_id', NEW.trade_id, 'status', NEW.status, 'filed_on', NEW.filed_on, 'certificate_year', NEW.certificate_year, 'note', NEW.note, 'exam_result', NEW.exam_result, 'review_result', NEW.review_result));
END;
CREATE TRIGGER application_log_delete AFTER DELETE ON application BEGIN
  INSERT INTO change_log_append VALUES ('application', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'cycle', OLD.cycle, 'grade', OLD.grade, 'module', OLD.module, 'trade_id', OLD.trade_id, 'status', OLD.status, 'filed_on', OLD.filed_on, 'certificate_year', OLD.certificate_year, 'note', OLD.note, 'exam_result', OLD.exam_result, 'review_result', OLD.review_result), NULL);
END;
CREATE TRIGGER exceptional_use_log_insert AFTER INSERT ON exceptional_use WHEN gongqin_bulk_table() IS NOT 'exceptional_use' BEGIN
  INSERT INTO change_log_append VALUES ('exceptional_use', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'condition_code', NEW.condition_code, 'category', NEW.category, 'grade', NEW.grade, 'year', NEW.year, 'source', NEW.source, 'application_id', NEW.application_id, 'note', NEW.note));
END;
CREATE TRIGGER exceptional_use_log_update AFTER UPDATE ON exceptional_use BEGIN
  INSERT INTO change_log_append VALUES ('exceptional_use', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'condition_code', OLD.condition_code, 'category', OLD.category, 'grade', OLD.grade, 'year', OLD.year, 'source', OLD.source, 'application_id', OLD.application_id, 'note', OLD.note),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'condition_code', NEW.condition_code, 'category', NEW.category, 'grade', NEW.grade, 'year', NEW.year, 'source', NEW.source, 'application_id', NEW.application_id, 'note', NEW.note));
END;
CREATE TRIGGER exceptional_use_log_delete AFTER DELETE ON exceptional_use BEGIN
  INSERT INTO change_log_append VALUES ('exceptional_use', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'condition_code', OLD.condition_code, 'category', OLD.category, 'grade', OLD.grade, 'year', OLD.year, 'source', OLD.source, 'application_id', OLD.application_id, 'note', OLD.note), NULL);
END;
CREATE TRIGGER job_log_insert AFTER INSERT ON job WHEN gongqin_bulk_table() IS NOT 'job' BEGIN
  INSERT INTO change_log_append VALUES ('job', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'from_date', NEW.from_date, 'to_date', NEW.to_date, 'unit', NEW.unit, 'post', NEW.post));
END;
CREATE TRIGGER job_log_update AFTER UPDATE ON job BEGIN
  INSERT INTO change_log_append VALUES ('job', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'from_date', OLD.from_date, 'to_date', OLD.to_date, 'unit', OLD.unit, 'post', OLD.post),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'from_date', NEW.from_date, 'to_date', NEW.to_date, 'unit', NEW.unit, 'post', NEW.post));
END;
CREATE TRIGGER job_log_delete AFTER DELETE ON job BEGIN
  INSERT INTO change_log_append VALUES ('job', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'from_date', OLD.from_date, 'to_date', OLD.to_date, 'unit', OLD.unit, 'post', OLD.post), NULL);
END;
CREATE TRIGGER bundle_merge_log_insert AFTER INSERT ON bundle_merge BEGIN
  INSERT INTO change_log_append VALUES ('bundle_merge', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'insert', NULL,
    json_object('id', NEW.id, 'digest', NEW.digest, 'unit', NEW.unit, 'department', NEW.department, 'created_at', NEW.created_at, 'source_head_entries', NEW.source_head_entries, 'source_head_hash', NEW.source_head_hash, 'merged_at', NEW.merged_at, 'prefer', NEW.prefer, 'added', NEW.added, 'moved', NEW.moved, 'conflicts', NEW.conflicts, 'findings', NEW.findings));
END;
CREATE TRIGGER bundle_merge_log_update AFTER UPDATE ON bundle_merge BEGIN
  INSERT INTO change_log_append VALUES ('bundle_merge', NEW.id, CAST(NEW.id AS TEXT), NULL, NULL, 'update',
    json_object('id', OLD.id, 'digest', OLD.digest, 'unit', OLD.unit, 'department', OLD.department, 'created_at', OLD.created_at, 'source_head_entries', OLD.source_head_entries, 'source_head_hash', OLD.source_head_hash, 'merged_at', OLD.merged_at, 'prefer', OLD.prefer, 'added', OLD.added, 'moved', OLD.moved, 'conflicts', OLD.conflicts, 'findings', OLD.findings),
    json_object('id', NEW.id, 'digest', NEW.digest, 'unit', NEW.unit, 'department', NEW.department, 'created_at', NEW.created_at, 'source_head_entries', NEW.source_head_entries, 'source_head_hash', NEW.source_head_hash, 'merged_at', NEW.merged_at, 'prefer', NEW.prefer, 'added', NEW.added, 'moved', NEW.moved, 'conflicts', NEW.conflicts, 'findings', NEW.findings));
END;
CREATE TRIGGER bundle_merge_log_delete AFTER DELETE ON bundle_merge BEGIN
  INSERT INTO change_log_append VALUES ('bundle_merge', OLD.id, CAST(OLD.id AS TEXT), NULL, NULL, 'delete',
    json_object('id', OLD.id, 'digest', OLD.digest, 'unit', OLD.unit, 'department', OLD.department, 'created_at', OLD.created_at, 'source_head_entries', OLD.source_head_entries, 'source_head_hash', OLD.source_head_hash, 'merged_at', OLD.merged_at, 'prefer', OLD.prefer, 'added', OLD.added, 'moved', OLD.moved, 'conflicts', OLD.conflicts, 'findings', OLD.findings), NULL);
END;
CREATE TRIGGER second_use_log_insert AFTER INSERT ON second_use BEGIN
  INSERT INTO change_log_append VALUES ('second_use', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'condition_code', NEW.condition_code, 'category', NEW.category, 'grade', NEW.grade, 'year', NEW.year, 'source', NEW.source, 'note', NEW.note, 'unit', NEW.unit, 'first_unit', NEW.first_unit, 'bundle_merge_id', NEW.bundle_merge_id));
END;
CREATE TRIGGER second_use_log_update AFTER UPDATE ON second_use BEGIN
  INSERT INTO change_log_append VALUES ('second_use', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'condition_code', OLD.condition_code, 'category', OLD.category, 'grade', OLD.grade, 'year', OLD.year, 'source', OLD.source, 'note', OLD.note, 'unit', OLD.unit, 'first_unit', OLD.first_unit, 'bundle_merge_id', OLD.bundle_merge_id),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'condition_code', NEW.condition_code, 'category', NEW.category, 'grade', NEW.grade, 'year', NEW.year, 'source', NEW.source, 'note', NEW.note, 'unit', NEW.unit, 'first_unit', NEW.first_unit, 'bundle_merge_id', NEW.bundle_merge_id));
END;
CREATE TRIGGER second_use_log_delete AFTER DELETE ON second_use BEGIN
  INSERT INTO change_log_append VALUES ('second_use', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'condition_code', OLD.condition_code, 'category', OLD.category, 'grade', OLD.grade, 'year', OLD.year, 'source', OLD.source, 'note', OLD.note, 'unit', OLD.unit, 'first_unit', OLD.first_unit, 'bundle_merge_id', OLD.bundle_merge_id), NULL);
END;
