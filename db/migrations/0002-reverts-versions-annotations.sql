-- Reverts, earlier versions of edited records, and annotations.
--
-- Nothing recorded is ever deleted. A revert is a row of its own that points
-- at the change or correction it cancels (whose reverted_by then holds the
-- revert's id). Editing a record's source or note moves the version it had
-- into membership_change_versions and raises its version number.

-- What a baseline correction does to the 2020 list; NULL for dated changes.
ALTER TABLE membership_changes ADD COLUMN correction_action TEXT
  CHECK (correction_action IN ('add', 'change_role', 'remove'));

-- Who wrote the current version and when (UTC); NULL while at version 1,
-- whose author and time are author and recorded_at.
ALTER TABLE membership_changes ADD COLUMN edited_by TEXT;
ALTER TABLE membership_changes ADD COLUMN edited_at TEXT;

-- One row per revert, in recording order. A record can be reverted once,
-- and a revert itself cannot be reverted.
CREATE TABLE membership_reverts (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  target_id TEXT NOT NULL UNIQUE REFERENCES membership_changes (id),
  source TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;

-- Earlier versions of membership_changes rows: the source and note each
-- version had, with who wrote that version and when.
CREATE TABLE membership_change_versions (
  change_id TEXT NOT NULL REFERENCES membership_changes (id),
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  note TEXT NOT NULL,
  author TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (change_id, version)
) STRICT;

-- Free-text notes on a membership (body and country), a country or a body.
CREATE TABLE annotations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL CHECK (target IN ('membership', 'country', 'body')),
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

CREATE INDEX annotations_by_body ON annotations (body_id);
CREATE INDEX annotations_by_country ON annotations (iso3);

-- Earlier versions of annotations rows.
CREATE TABLE annotation_versions (
  annotation_id TEXT NOT NULL REFERENCES annotations (id),
  version INTEGER NOT NULL,
  text TEXT NOT NULL,
  deleted_at TEXT,
  author TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (annotation_id, version)
) STRICT;
