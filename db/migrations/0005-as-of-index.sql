-- Speeds up "as of" reads with many recorded changes.
--
-- changed_pairs lists every (body, country) pair that has at least one
-- record, so an as-of read looks up the last record in force for those
-- pairs only, each by one index seek, instead of ranking the whole log.
-- A trigger keeps the list whatever code inserts the record.

CREATE TABLE changed_pairs (
  body_id TEXT NOT NULL,
  iso3 TEXT NOT NULL,
  PRIMARY KEY (body_id, iso3)
) STRICT;

CREATE INDEX changed_pairs_by_country ON changed_pairs (iso3);

INSERT OR IGNORE INTO changed_pairs (body_id, iso3)
  SELECT DISTINCT body_id, iso3 FROM membership_changes;

CREATE TRIGGER membership_changes_track_pair
AFTER INSERT ON membership_changes
BEGIN
  INSERT OR IGNORE INTO changed_pairs (body_id, iso3)
  VALUES (NEW.body_id, NEW.iso3);
END;

-- Records in force, in the order the as-of rule reads them.
CREATE INDEX membership_changes_in_force
  ON membership_changes (body_id, iso3, effective_day, seq)
  WHERE reverted_by IS NULL;
