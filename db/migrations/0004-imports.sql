-- A log of imports that wrote something: who imported which file, when,
-- and how many records each one added, updated or left out. An import that
-- writes nothing leaves no row, so that the database stays exactly as it was.
CREATE TABLE imports (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  -- json: a dataset exported by the app; csv: a table of dated changes.
  format TEXT NOT NULL CHECK (format IN ('json', 'csv')),
  -- The file's name without its folder, and the SHA-256 of its bytes.
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  author TEXT NOT NULL,
  -- UTC time at which the import was written.
  imported_at TEXT NOT NULL,
  -- Records written: new ones, later versions of known ones, and conflicts
  -- where the file's version was accepted.
  added INTEGER NOT NULL CHECK (added >= 0),
  updated INTEGER NOT NULL CHECK (updated >= 0),
  conflicts_accepted INTEGER NOT NULL CHECK (conflicts_accepted >= 0),
  -- Records left out: already present (identical or older versions), and
  -- conflicts or rejected rows that were not written.
  skipped INTEGER NOT NULL CHECK (skipped >= 0),
  not_imported INTEGER NOT NULL CHECK (not_imported >= 0)
) STRICT;
