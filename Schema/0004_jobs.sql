-- 0004_jobs: the employment history (工作经历) for the 工作简历 of the approval form, and
-- the settings, such as the default employer remark for 工作业绩 (RULES F1).

-- Posts held. to_date NULL is the post held now: its line on the form is open-ended.
-- gongqin refuses overlapping posts before they get here; one post per person and start.
CREATE TABLE job (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    from_date TEXT NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    to_date   TEXT CHECK (to_date IS NULL OR (date(to_date, '+0 days') IS to_date AND to_date >= from_date)),
    unit      TEXT NOT NULL CHECK (length(trim(unit)) BETWEEN 1 AND 200),
    post      TEXT NOT NULL CHECK (length(trim(post)) BETWEEN 1 AND 100),
    UNIQUE (person_id, from_date)
) STRICT;
-- At most one open-ended post per person.
CREATE UNIQUE INDEX job_one_current ON job (person_id) WHERE to_date IS NULL;

-- Settings, by key. A value is never empty: `form.remark` must not be (F1).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY CHECK (key GLOB '[a-z]*' AND key NOT GLOB '*[^a-z0-9.-]*' AND length(key) <= 64),
    value TEXT NOT NULL CHECK (length(trim(value)) BETWEEN 1 AND 1000)
) STRICT;

-- job
CREATE TRIGGER job_log_insert AFTER INSERT ON job BEGIN
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
-- setting
CREATE TRIGGER setting_log_insert AFTER INSERT ON setting BEGIN
  INSERT INTO change_log_append VALUES ('setting', NEW.rowid, NEW.key, NULL, NULL, 'insert', NULL,
    json_object('key', NEW.key, 'value', NEW.value));
END;
CREATE TRIGGER setting_log_update AFTER UPDATE ON setting BEGIN
  INSERT INTO change_log_append VALUES ('setting', NEW.rowid, NEW.key, NULL, NULL, 'update',
    json_object('key', OLD.key, 'value', OLD.value),
    json_object('key', NEW.key, 'value', NEW.value));
END;
CREATE TRIGGER setting_log_delete AFTER DELETE ON setting BEGIN
  INSERT INTO change_log_append VALUES ('setting', OLD.rowid, OLD.key, NULL, NULL, 'delete',
    json_object('key', OLD.key, 'value', OLD.value), NULL);
END;
