-- 0001_records: the records of gongqin.
--
-- Every table is STRICT. Every enumeration and every date column has a CHECK.
-- Dates are TEXT 'YYYY-MM-DD'; `date(x, '+0 days') IS x` admits only real calendar dates
-- (SQLite's date() normalises 2023-02-30 to 2023-03-02, so an impossible date fails).
-- Grades: junior, intermediate, senior, technician, senior-technician (RULES §1).
-- Modules and certificate routes: normal, early, exceptional, transfer, review (RULES §1).
--
-- The change log is written by triggers through the view change_log_append. The
-- functions gongqin_actor(), gongqin_command() and gongqin_chain_hash() are registered
-- by gongqin on every connection; a write made outside gongqin therefore fails unless
-- the triggers are dropped, and `gongqin check` finds such a write.

-- Units (用人单位) with their supervising department (主管部门) and district.
CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 200),
    department  TEXT CHECK (department IS NULL OR length(trim(department)) BETWEEN 1 AND 200),
    district    TEXT CHECK (district IS NULL OR length(trim(district)) BETWEEN 1 AND 100)
) STRICT;

-- The trade catalogue (工种), seeded from RULES §10 at the end of this file.
CREATE TABLE trade (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 100),
    category    TEXT CHECK (category IS NULL OR length(trim(category)) BETWEEN 1 AND 50),
    max_grade   TEXT NOT NULL DEFAULT 'senior'
                CHECK (max_grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    driver      INTEGER NOT NULL DEFAULT 0 CHECK (driver IN (0, 1)),
    cashier     INTEGER NOT NULL DEFAULT 0 CHECK (cashier IN (0, 1)),
    licensed    INTEGER NOT NULL DEFAULT 0 CHECK (licensed IN (0, 1)),
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
) STRICT;

-- People. id_number is the 18-character 身份证 number (RULES §9); gongqin checks its
-- region, birth date and check character before it gets here.
CREATE TABLE person (
    id            INTEGER PRIMARY KEY,
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
CREATE INDEX person_unit ON person (unit_id);

-- Skill-grade certificates. One certificate per person, trade and grade.
CREATE TABLE certificate (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    trade_id  INTEGER NOT NULL REFERENCES trade (id),
    grade     TEXT NOT NULL CHECK (grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    issued    TEXT NOT NULL CHECK (date(issued, '+0 days') IS issued),
    number    TEXT UNIQUE CHECK (number IS NULL OR length(trim(number)) BETWEEN 1 AND 50),
    route     TEXT NOT NULL DEFAULT 'normal' CHECK (route IN ('normal', 'early', 'exceptional', 'transfer', 'review')),
    province  TEXT NOT NULL DEFAULT '江苏' CHECK (length(trim(province)) BETWEEN 1 AND 20),
    UNIQUE (person_id, trade_id, grade)
) STRICT;

-- Job transfers (转岗): from the trade held before to the trade held after (RULES T1).
CREATE TABLE transfer (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    from_trade_id INTEGER NOT NULL REFERENCES trade (id),
    to_trade_id   INTEGER NOT NULL REFERENCES trade (id),
    date          TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    CHECK (from_trade_id <> to_trade_id),
    UNIQUE (person_id, date)
) STRICT;

-- Annual assessments (年度考核): one result per person and year (RULES A1).
CREATE TABLE annual_assessment (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    year      INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    result    TEXT NOT NULL CHECK (result IN ('excellent', 'pass', 'basic', 'fail')),
    UNIQUE (person_id, year)
) STRICT;

-- Education (学历). relevant: relevant to the person's trade (RULES N4, X2).
CREATE TABLE education (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    level     TEXT NOT NULL CHECK (level IN ('初中', '高中', '中专', '职高', '技校', '高级技工学校', '技师学院',
                                             '大专', '本科', '硕士', '博士', '成人高等教育专业证书')),
    graduated TEXT NOT NULL CHECK (date(graduated, '+0 days') IS graduated),
    major     TEXT CHECK (major IS NULL OR length(trim(major)) BETWEEN 1 AND 100),
    school    TEXT CHECK (school IS NULL OR length(trim(school)) BETWEEN 1 AND 100),
    relevant  INTEGER NOT NULL DEFAULT 0 CHECK (relevant IN (0, 1)),
    UNIQUE (person_id, level, graduated)
) STRICT;

-- Awards (奖励), including military honours (RULES X2, V3).
CREATE TABLE award (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    name      TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    date      TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    issuer    TEXT CHECK (issuer IS NULL OR length(trim(issuer)) BETWEEN 1 AND 100),
    UNIQUE (person_id, name, date)
) STRICT;

-- Continuing-education certificates (继续教育), listed in the materials.
CREATE TABLE continuing_education (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    name      TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    date      TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    hours     INTEGER CHECK (hours IS NULL OR hours BETWEEN 1 AND 10000),
    issuer    TEXT CHECK (issuer IS NULL OR length(trim(issuer)) BETWEEN 1 AND 100),
    UNIQUE (person_id, name, date)
) STRICT;

-- The exceptional catalogue (破格条件, RULES X2, X3). Each condition belongs to a
-- category; the relaxation is the default a policy may override per year.
CREATE TABLE exceptional_condition (
    code              TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9-]*' AND length(code) <= 40),
    category          TEXT NOT NULL CHECK (category GLOB '[a-z]*' AND category NOT GLOB '*[^a-z0-9-]*' AND length(category) <= 40),
    name              TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    evidence          TEXT NOT NULL CHECK (evidence IN ('excellent-two-years', 'college-degree', 'merit-award', 'declared')),
    relax_work_years  INTEGER NOT NULL CHECK (relax_work_years BETWEEN 0 AND 10),
    relax_grade_years INTEGER NOT NULL CHECK (relax_grade_years BETWEEN 0 AND 10),
    waives_education  INTEGER NOT NULL DEFAULT 0 CHECK (waives_education IN (0, 1)),
    relax_status      TEXT NOT NULL CHECK (relax_status IN ('official', 'assumed')),
    clause            TEXT NOT NULL,
    builtin           INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    UNIQUE (code, category)
) STRICT;

-- Applications (申报), one open application per person and cycle (RULES §7).
CREATE TABLE application (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES person (id),
    cycle            INTEGER NOT NULL CHECK (cycle BETWEEN 1950 AND 2100),
    grade            TEXT NOT NULL CHECK (grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    module           TEXT NOT NULL CHECK (module IN ('normal', 'early', 'exceptional', 'transfer', 'review')),
    trade_id         INTEGER NOT NULL REFERENCES trade (id),
    status           TEXT NOT NULL DEFAULT 'filed'
                     CHECK (status IN ('filed', 'returned', 'accepted', 'passed', 'failed', 'deferred', 'withdrawn')),
    filed_on         TEXT NOT NULL CHECK (date(filed_on, '+0 days') IS filed_on),
    certificate_year INTEGER NOT NULL CHECK (certificate_year IN (cycle, cycle + 1)),
    note             TEXT
) STRICT;
CREATE UNIQUE INDEX application_one_open_per_cycle ON application (person_id, cycle) WHERE status <> 'withdrawn';

-- Uses of exceptional conditions (RULES X1): a category may be used once in a
-- person's life. The UNIQUE (person_id, category) below is the central invariant.
-- A historic use is read off an earlier grade's approval form; an application use is
-- recorded with its application and released (deleted, and logged) by a withdrawal.
CREATE TABLE exceptional_use (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person (id),
    condition_code TEXT NOT NULL,
    category       TEXT NOT NULL,
    grade          TEXT NOT NULL CHECK (grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    year           INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    source         TEXT NOT NULL CHECK (source IN ('historic', 'application')),
    application_id INTEGER REFERENCES application (id),
    note           TEXT,
    FOREIGN KEY (condition_code, category) REFERENCES exceptional_condition (code, category),
    CHECK ((source = 'application') = (application_id IS NOT NULL)),
    UNIQUE (person_id, category)
) STRICT;
CREATE INDEX exceptional_use_application ON exceptional_use (application_id);

-- The change log: every insert, update and delete of the tables above, hash-chained:
-- hash = SHA-256 over the previous entry's hash and this entry's fields (GongQinStore,
-- ChangeLog.chainHash), so an entry edited, deleted or inserted by hand breaks the chain.
-- row_id is the row's rowid and person_row the person's: integer keys, which the
-- indexes take in the order rows are written. row_key and person are for people to read.
CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    command    TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    row_key    TEXT NOT NULL,
    person_row INTEGER,
    person     TEXT,
    op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after)),
    hash       TEXT NOT NULL
) STRICT;
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

-- The change-log triggers: one for each insert, update and delete of each table.
-- unit
CREATE TRIGGER unit_log_insert AFTER INSERT ON unit BEGIN
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
-- trade
CREATE TRIGGER trade_log_insert AFTER INSERT ON trade BEGIN
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
-- person
CREATE TRIGGER person_log_insert AFTER INSERT ON person BEGIN
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
-- certificate
CREATE TRIGGER certificate_log_insert AFTER INSERT ON certificate BEGIN
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
-- transfer
CREATE TRIGGER transfer_log_insert AFTER INSERT ON transfer BEGIN
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
-- annual_assessment
CREATE TRIGGER annual_assessment_log_insert AFTER INSERT ON annual_assessment BEGIN
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
-- education
CREATE TRIGGER education_log_insert AFTER INSERT ON education BEGIN
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
-- award
CREATE TRIGGER award_log_insert AFTER INSERT ON award BEGIN
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
-- continuing_education
CREATE TRIGGER continuing_education_log_insert AFTER INSERT ON continuing_education BEGIN
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
-- exceptional_condition
CREATE TRIGGER exceptional_condition_log_insert AFTER INSERT ON exceptional_condition BEGIN
  INSERT INTO change_log_append VALUES ('exceptional_condition', NEW.rowid, NEW.code, NULL, NULL, 'insert', NULL,
    json_object('code', NEW.code, 'category', NEW.category, 'name', NEW.name, 'evidence', NEW.evidence, 'relax_work_years', NEW.relax_work_years, 'relax_grade_years', NEW.relax_grade_years, 'waives_education', NEW.waives_education, 'relax_status', NEW.relax_status, 'clause', NEW.clause, 'builtin', NEW.builtin));
END;
CREATE TRIGGER exceptional_condition_log_update AFTER UPDATE ON exceptional_condition BEGIN
  INSERT INTO change_log_append VALUES ('exceptional_condition', NEW.rowid, NEW.code, NULL, NULL, 'update',
    json_object('code', OLD.code, 'category', OLD.category, 'name', OLD.name, 'evidence', OLD.evidence, 'relax_work_years', OLD.relax_work_years, 'relax_grade_years', OLD.relax_grade_years, 'waives_education', OLD.waives_education, 'relax_status', OLD.relax_status, 'clause', OLD.clause, 'builtin', OLD.builtin),
    json_object('code', NEW.code, 'category', NEW.category, 'name', NEW.name, 'evidence', NEW.evidence, 'relax_work_years', NEW.relax_work_years, 'relax_grade_years', NEW.relax_grade_years, 'waives_education', NEW.waives_education, 'relax_status', NEW.relax_status, 'clause', NEW.clause, 'builtin', NEW.builtin));
END;
CREATE TRIGGER exceptional_condition_log_delete AFTER DELETE ON exceptional_condition BEGIN
  INSERT INTO change_log_append VALUES ('exceptional_condition', OLD.rowid, OLD.code, NULL, NULL, 'delete',
    json_object('code', OLD.code, 'category', OLD.category, 'name', OLD.name, 'evidence', OLD.evidence, 'relax_work_years', OLD.relax_work_years, 'relax_grade_years', OLD.relax_grade_years, 'waives_education', OLD.waives_education, 'relax_status', OLD.relax_status, 'clause', OLD.clause, 'builtin', OLD.builtin), NULL);
END;
-- exceptional_use
CREATE TRIGGER exceptional_use_log_insert AFTER INSERT ON exceptional_use BEGIN
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
-- application
CREATE TRIGGER application_log_insert AFTER INSERT ON application BEGIN
  INSERT INTO change_log_append VALUES ('application', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'cycle', NEW.cycle, 'grade', NEW.grade, 'module', NEW.module, 'trade_id', NEW.trade_id, 'status', NEW.status, 'filed_on', NEW.filed_on, 'certificate_year', NEW.certificate_year, 'note', NEW.note));
END;
CREATE TRIGGER application_log_update AFTER UPDATE ON application BEGIN
  INSERT INTO change_log_append VALUES ('application', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'cycle', OLD.cycle, 'grade', OLD.grade, 'module', OLD.module, 'trade_id', OLD.trade_id, 'status', OLD.status, 'filed_on', OLD.filed_on, 'certificate_year', OLD.certificate_year, 'note', OLD.note),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'cycle', NEW.cycle, 'grade', NEW.grade, 'module', NEW.module, 'trade_id', NEW.trade_id, 'status', NEW.status, 'filed_on', NEW.filed_on, 'certificate_year', NEW.certificate_year, 'note', NEW.note));
END;
CREATE TRIGGER application_log_delete AFTER DELETE ON application BEGIN
  INSERT INTO change_log_append VALUES ('application', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'cycle', OLD.cycle, 'grade', OLD.grade, 'module', OLD.module, 'trade_id', OLD.trade_id, 'status', OLD.status, 'filed_on', OLD.filed_on, 'certificate_year', OLD.certificate_year, 'note', OLD.note), NULL);
END;

-- The trade catalogue (RULES §10): every trade the public notices list as open to 技师
-- or 高级技师 is seeded open up to senior-technician. Flags: driver 汽车驾驶与管理,
-- cashier 收银审核; licensed (持证上岗) the trades whose licence the notice names
-- (须知·二(一)16: 电工证、锅炉操作证). Users add the wider 等级工 trades with `trade add`.
INSERT INTO trade (name, category, max_grade, driver, cashier, licensed, builtin) VALUES
    ('行政事务', '服务类', 'senior-technician', 0, 0, 0, 1),
    ('烹饪', '服务类', 'senior-technician', 0, 0, 0, 1),
    ('收银审核', '服务类', 'senior-technician', 0, 1, 0, 1),
    ('电工', '机电类', 'senior-technician', 0, 0, 1, 1),
    ('机械加工', '机电类', 'senior-technician', 0, 0, 0, 1),
    ('计算机信息处理', '机电类', 'senior-technician', 0, 0, 0, 1),
    ('汽车驾驶与管理', '交通类', 'senior-technician', 1, 0, 0, 1),
    ('汽车修理', '交通类', 'senior-technician', 0, 0, 0, 1),
    ('航闸技术', '交通类', 'senior-technician', 0, 0, 0, 1),
    ('航标工', '交通类', 'senior-technician', 0, 0, 0, 1),
    ('潜水员', '交通类', 'senior-technician', 0, 0, 0, 1),
    ('公路养护', '交通类', 'senior-technician', 0, 0, 0, 1),
    ('闸门运行', '水利类', 'senior-technician', 0, 0, 0, 1),
    ('泵站运行', '水利类', 'senior-technician', 0, 0, 0, 1),
    ('堤灌维护', '水利类', 'senior-technician', 0, 0, 0, 1),
    ('水文勘测', '水利类', 'senior-technician', 0, 0, 0, 1),
    ('花卉园艺', '农业类', 'senior-technician', 0, 0, 0, 1),
    ('农艺', '农业类', 'senior-technician', 0, 0, 0, 1),
    ('图书档案管理', '文体类', 'senior-technician', 0, 0, 0, 1),
    ('教学科研实验', '文体类', 'senior-technician', 0, 0, 0, 1),
    ('舞台技术', '文体类', 'senior-technician', 0, 0, 0, 1),
    ('体育场地工', '文体类', 'senior-technician', 0, 0, 0, 1),
    ('药剂', '卫生健康类', 'senior-technician', 0, 0, 0, 1),
    ('护理保健', '卫生健康类', 'senior-technician', 0, 0, 0, 1),
    ('医学检查', '卫生健康类', 'senior-technician', 0, 0, 0, 1),
    ('卫生防疫', '卫生健康类', 'senior-technician', 0, 0, 0, 1),
    ('印刷技术', '新广电类', 'senior-technician', 0, 0, 0, 1),
    ('广电技术', '新广电类', 'senior-technician', 0, 0, 0, 1),
    ('殡葬服务', '民政类', 'senior-technician', 0, 0, 0, 1),
    ('测绘员', '测绘类', 'senior-technician', 0, 0, 0, 1),
    ('质量检验', '市场监管类', 'senior-technician', 0, 0, 0, 1),
    ('计量检定', '市场监管类', 'senior-technician', 0, 0, 0, 1),
    ('锅炉操作', '市场监管类', 'senior-technician', 0, 0, 1, 1),
    ('讲解员', NULL, 'senior-technician', 0, 0, 0, 1),
    ('商品营销', NULL, 'senior-technician', 0, 0, 0, 1),
    ('修理装配', NULL, 'senior-technician', 0, 0, 0, 1),
    ('市政维护', NULL, 'senior-technician', 0, 0, 0, 1),
    ('水处理工', NULL, 'senior-technician', 0, 0, 0, 1),
    ('机械操作', NULL, 'senior-technician', 0, 0, 0, 1),
    ('建筑技术', NULL, 'senior-technician', 0, 0, 0, 1),
    ('防汛抢险', NULL, 'senior-technician', 0, 0, 0, 1),
    ('水产养殖', NULL, 'senior-technician', 0, 0, 0, 1),
    ('保育', NULL, 'senior-technician', 0, 0, 0, 1),
    ('地质勘查', NULL, 'senior-technician', 0, 0, 0, 1),
    ('酒店服务', NULL, 'senior-technician', 0, 0, 0, 1);

-- The built-in exceptional conditions (RULES X2). Each is its own category. The
-- relaxation of 2 years is the project's assumption (RULES X3): the notice does not say.
INSERT INTO exceptional_condition
    (code, category, name, evidence, relax_work_years, relax_grade_years, waives_education, relax_status, clause, builtin)
VALUES
    ('excellent-two-years', 'excellent-two-years', '连续两年年度考核优秀', 'excellent-two-years', 2, 2, 0, 'assumed', '须知·四·8', 1),
    ('college-degree', 'college-degree', '取得本工种（相关专业）大专及以上学历', 'college-degree', 2, 2, 0, 'assumed', '须知·四·8', 1),
    ('merit-award', 'merit-award', '一次二等功以上奖励', 'merit-award', 2, 2, 0, 'assumed', '须知·一(五)4', 1);
