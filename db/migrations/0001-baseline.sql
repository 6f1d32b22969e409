-- The 2020 baseline and the event log of later changes.
--
-- Memberships are an event log over the baseline, not intervals: the 2020
-- rows stay as IOM published them, and every later fact (a dated change, a
-- baseline correction, a revert) is a record in membership_changes. The role
-- of a pair as of a day is the role_after of its last record in force on
-- that day, or the baseline role when there is none. Corrections sort on the
-- baseline day, before every dated change. An event log keeps who said what
-- and when, lets a revert cancel a record without deleting it, and lets an
-- import merge records by id; intervals would need rewriting on every
-- back-dated insert and would lose that history.

CREATE TABLE countries (
  iso3 TEXT PRIMARY KEY CHECK (length(iso3) = 3),
  iso2 TEXT,
  numeric TEXT,
  name_en TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  name_es TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  subregion TEXT NOT NULL DEFAULT '',
  lat REAL NOT NULL,
  lng REAL NOT NULL
) STRICT;

CREATE TABLE bodies (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('iscm', 'igo')),
  short_name TEXT NOT NULL,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('regional', 'interregional', 'global')),
  region TEXT NOT NULL,
  established TEXT NOT NULL,
  secretariat TEXT NOT NULL,
  website TEXT NOT NULL,
  source_url TEXT NOT NULL,
  membership_confidence TEXT NOT NULL
    CHECK (membership_confidence IN ('high', 'medium', 'low')),
  membership_note TEXT NOT NULL
) STRICT;

CREATE TABLE themes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  -- Other spellings IOM's page uses, separated by " | ".
  spellings TEXT NOT NULL
) STRICT;

CREATE TABLE body_themes (
  body_id TEXT NOT NULL REFERENCES bodies (id),
  theme_id TEXT NOT NULL REFERENCES themes (id),
  in_table_by_area INTEGER NOT NULL CHECK (in_table_by_area IN (0, 1)),
  in_table_by_iscm INTEGER NOT NULL CHECK (in_table_by_iscm IN (0, 1)),
  PRIMARY KEY (body_id, theme_id)
) STRICT;

CREATE TABLE baseline_memberships (
  body_id TEXT NOT NULL REFERENCES bodies (id),
  iso3 TEXT NOT NULL REFERENCES countries (iso3),
  role TEXT NOT NULL
    CHECK (role IN ('member', 'observer', 'associate', 'participant', 'suspended')),
  -- The country's name as the source writes it.
  country_as_written TEXT NOT NULL,
  -- Date of the list the source gives; not a start date.
  listed_as_of TEXT NOT NULL,
  source_url TEXT NOT NULL,
  source_quote TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (body_id, iso3)
) STRICT;

CREATE INDEX baseline_memberships_by_country ON baseline_memberships (iso3);

CREATE TABLE organizations (
  body_id TEXT NOT NULL REFERENCES bodies (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('member', 'observer', 'participant')),
  source_url TEXT NOT NULL,
  source_quote TEXT NOT NULL,
  PRIMARY KEY (body_id, name)
) STRICT;

-- One row per recorded change or baseline correction, in recording order.
CREATE TABLE membership_changes (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  body_id TEXT NOT NULL REFERENCES bodies (id),
  iso3 TEXT NOT NULL REFERENCES countries (iso3),
  -- joined, left, suspended, reinstated, role_changed or correction.
  kind TEXT NOT NULL CHECK (
    kind IN ('joined', 'left', 'suspended', 'reinstated', 'role_changed', 'correction')
  ),
  -- The role the record sets; NULL means the pair has no role after it.
  role_after TEXT CHECK (
    role_after IN ('member', 'observer', 'associate', 'participant', 'suspended')
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
  reverted_by TEXT
) STRICT;

CREATE INDEX membership_changes_by_pair
  ON membership_changes (body_id, iso3, effective_day, seq);
CREATE INDEX membership_changes_by_day
  ON membership_changes (effective_day, seq);
