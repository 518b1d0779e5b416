-- Names folded (issue 26; README, “Naming a person”): NFKC, trimmed, the white space inside
-- a name written in Chinese characters only removed, every middle dot as U+00B7. gongqin
-- folds every name it is given from this version on (GongQinCore's PersonName.fold, applied
-- by `Person`); this folds the names stored before, `陈  强` becoming `陈强`, so that
-- `person show 陈强` finds him. gongqin_person_name is the same folding, registered on every
-- gongqin connection. Each change is an UPDATE, logged by the person table's trigger with
-- the name before and after.
UPDATE person SET name = gongqin_person_name(name) WHERE name <> gongqin_person_name(name);
