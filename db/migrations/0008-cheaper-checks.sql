-- rebuilds tables
--
-- Writes the value checks of membership_changes and annotations as chains
-- of equalities. SQLite runs a CHECK of the form "x IN (list)" by building
-- a lookup table for the list each time a statement runs, so each INSERT
-- paid for three of them: about 0.4 s per 100,000 imported changes on a
-- 2-core machine, against nearly nothing for the same test written with
-- "=" and OR. SQLite cannot alter a CHECK, so both tables are built anew
-- and their rows copied, keeping seq, the recording order. migrate() runs
-- this with foreign keys off and checks them all before committing.

CREATE TABLE membership_changes_new (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  body_id TEXT NOT NULL REFERENCES bodies (id),
  iso3 TEXT NOT NULL REFERENCES countries (iso3),
  -- joined, left, suspended, reinstated, role_changed or correction.
  kind TEXT NOT NULL CHECK (
    kind = 'joined' OR kind = 'left' OR kind = 'suspended'
    OR kind = 'reinstated' OR kind = 'role_changed' OR kind = 'correction'
  ),
  -- The role the record sets; NULL means the pair has no role after it.
  role_after TEXT CHECK (
    role_after = 'member' OR role_after = 'observer' OR role_after = 'associate'
    OR role_after = 'participant' OR role_after = 'suspended'
  ),
  -- YYYY-MM-DD or YYYY-MM as the source gives it; NULL for a correction.
  effective_date TEXT,
  -- The day the record takes effect: the first of the month for a month,
  -- the baseline day for a correction.
  effective_day TEXT NOT NULL,
  announced_date TEXT,
  source TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  -- Id of the revert record that cancels this one; NULL while in force.
  reverted_by TEXT,
  -- What a baseline correction does to the 2020 list; NULL for dated changes.
  correction_action TEXT CHECK (
    correction_action = 'add' OR correction_action = 'change_role'
    OR correction_action = 'remove'
  ),
  -- Who wrote the current version and when (UTC); NULL while at version 1.
  edited_by TEXT,
  edited_at TEXT
) STRICT;

INSERT INTO membership_changes_new
  (seq, id, body_id, iso3, kind, role_after, effective_date, effective_day,
   announced_date, source, note, author, recorded_at, version, reverted_by,
   correction_action, edited_by, edited_at)
SELECT seq, id, body_id, iso3, kind, role_after, effective_date, effective_day,
  announced_date, source, note, author, recorded_at, version, reverted_by,
  correction_action, edited_by, edited_at
FROM membership_changes;

DROP TABLE membership_changes;
ALTER TABLE membership_changes_new RENAME TO membership_changes;

CREATE INDEX membership_changes_by_pair
  ON membership_changes (body_id, iso3, effective_day, seq);
CREATE INDEX membership_changes_by_day
  ON membership_changes (effective_day, seq);

CREATE TABLE annotations_new (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL CHECK (
    target = 'membership' OR target = 'country' OR target = 'body'
  ),
  body_id TEXT REFERENCES bodies (id),
  iso3 TEXT REFERENCES countries (iso3),
  text TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- Who wrote the current version (an edit or the deletion) and when.
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  -- Set when the annotation is deleted; the row stays.
  deleted_at TEXT,
  CHECK (
    (target = 'membership' AND body_id IS NOT NULL AND iso3 IS NOT NULL)
    OR (target = 'country' AND body_id IS NULL AND iso3 IS NOT NULL)
    OR (target = 'body' AND body_id IS NOT NULL AND iso3 IS NULL)
  )
) STRICT;

INSERT INTO annotations_new
  (seq, id, target, body_id, iso3, text, author, created_at, updated_by,
   updated_at, version, deleted_at)
SELECT seq, id, target, body_id, iso3, text, author, created_at, updated_by,
  updated_at, version, deleted_at
FROM annotations;

DROP TABLE annotations;
ALTER TABLE annotations_new RENAME TO annotations;

CREATE INDEX annotations_by_body ON annotations (body_id);
CREATE INDEX annotations_by_country ON annotations (iso3);
