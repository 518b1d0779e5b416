-- 0003_ledger: the application lifecycle and the exam history (RULES X1, D2, D3).
--
-- An application moves filed → returned → filed, filed → accepted → passed | failed |
-- deferred, and filed or returned → withdrawn. The trigger application_lifecycle refuses
-- any other move, so the database keeps the lifecycle even against a careless writer.
-- A use of an exceptional condition counts from filing; a withdrawal releases it: the
-- use row is deleted (and logged) before the status changes, and the triggers below
-- refuse a withdrawn application that still holds a use.

ALTER TABLE application ADD COLUMN exam_result TEXT CHECK (exam_result IS NULL OR exam_result IN ('passed', 'failed'));
ALTER TABLE application ADD COLUMN review_result TEXT CHECK (review_result IS NULL OR review_result IN ('passed', 'failed'));

CREATE INDEX application_cycle ON application (cycle, status);
CREATE INDEX application_person ON application (person_id);

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

-- The change-log triggers of application, now with the exam history.
DROP TRIGGER application_log_insert;
DROP TRIGGER application_log_update;
DROP TRIGGER application_log_delete;
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
