-- A certificate's issuing authority (发证机关, issue 25): the office printed on every 等级证书,
-- an optional text. Certificates recorded before have none. The change-log triggers of the
-- table are written again so that every entry carries the new column; they are
-- ChangeLog.triggerSQL's output for the table as this migration leaves it.
ALTER TABLE certificate ADD COLUMN authority TEXT CHECK (authority IS NULL OR length(trim(authority)) BETWEEN 1 AND 100);

DROP TRIGGER certificate_log_insert;
DROP TRIGGER certificate_log_update;
DROP TRIGGER certificate_log_delete;

CREATE TRIGGER certificate_log_insert AFTER INSERT ON certificate WHEN gongqin_bulk_table() IS NOT 'certificate' BEGIN
  INSERT INTO change_log_append VALUES ('certificate', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'insert', NULL,
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'trade_id', NEW.trade_id, 'grade', NEW.grade, 'issued', NEW.issued, 'number', NEW.number, 'route', NEW.route, 'province', NEW.province, 'authority', NEW.authority));
END;
CREATE TRIGGER certificate_log_update AFTER UPDATE ON certificate BEGIN
  INSERT INTO change_log_append VALUES ('certificate', NEW.id, CAST(NEW.id AS TEXT), NEW.person_id, (SELECT id_number FROM person WHERE id = NEW.person_id), 'update',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'trade_id', OLD.trade_id, 'grade', OLD.grade, 'issued', OLD.issued, 'number', OLD.number, 'route', OLD.route, 'province', OLD.province, 'authority', OLD.authority),
    json_object('id', NEW.id, 'person_id', NEW.person_id, 'trade_id', NEW.trade_id, 'grade', NEW.grade, 'issued', NEW.issued, 'number', NEW.number, 'route', NEW.route, 'province', NEW.province, 'authority', NEW.authority));
END;
CREATE TRIGGER certificate_log_delete AFTER DELETE ON certificate BEGIN
  INSERT INTO change_log_append VALUES ('certificate', OLD.id, CAST(OLD.id AS TEXT), OLD.person_id, (SELECT id_number FROM person WHERE id = OLD.person_id), 'delete',
    json_object('id', OLD.id, 'person_id', OLD.person_id, 'trade_id', OLD.trade_id, 'grade', OLD.grade, 'issued', OLD.issued, 'number', OLD.number, 'route', OLD.route, 'province', OLD.province, 'authority', OLD.authority), NULL);
END;
