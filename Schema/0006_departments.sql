-- 0006_departments: a department's database merges its units' bundles (Documentation/DEPARTMENTS.md, RULES
-- R2, R3).
--
-- bundle_merge is the record of every merge: the bundle's digest, its unit and
-- department, when it was made, and the head of the unit's change log it was made from.
-- Its inserts are logged like every other write, so the change log names each merge.
CREATE TABLE bundle_merge (
    id                  INTEGER PRIMARY KEY,
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
CREATE INDEX bundle_merge_digest ON bundle_merge (digest);

-- A second use of one category by one person, found by a merge (RULES R3, X1): the same
-- category used in two units, in legacy or paper-era records. The ledger's use (table
-- exceptional_use) stays the first; this one is kept in view for the department to
-- resolve, and `audit` reports it as category-used-twice.
CREATE TABLE second_use (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person (id),
    condition_code  TEXT NOT NULL,
    category        TEXT NOT NULL,
    grade           TEXT NOT NULL CHECK (grade IN ('junior', 'intermediate', 'senior', 'technician', 'senior-technician')),
    year            INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    source          TEXT NOT NULL CHECK (source IN ('historic', 'application')),
    note            TEXT,
    unit            TEXT NOT NULL CHECK (length(trim(unit)) BETWEEN 1 AND 200),
    first_unit      TEXT NOT NULL CHECK (length(trim(first_unit)) BETWEEN 1 AND 200),
    bundle_merge_id INTEGER NOT NULL REFERENCES bundle_merge (id),
    FOREIGN KEY (condition_code, category) REFERENCES exceptional_condition (code, category),
    UNIQUE (person_id, category, grade, year)
) STRICT;
CREATE INDEX second_use_person ON second_use (person_id);

-- bundle_merge
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
-- second_use
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
