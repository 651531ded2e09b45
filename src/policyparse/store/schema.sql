-- policyparse store: one SQLite file, plain tables and views (readable in Datasette or any SQL
-- client). Offsets (start, "end") index versions.text; "end" is exclusive and must be quoted in SQL.
-- Every CREATE is IF NOT EXISTS so opening a store is also how it is created.

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per document, whatever its history: keyed by a stable key (the resolved file path).
CREATE TABLE IF NOT EXISTS documents (
  doc_id     INTEGER PRIMARY KEY,
  doc_key    TEXT NOT NULL UNIQUE,
  first_seen TEXT NOT NULL            -- UTC ISO time of the first successful ingest
);

-- One row per distinct content ingested for a document (a changed file → a new version).
CREATE TABLE IF NOT EXISTS versions (
  version_id   INTEGER PRIMARY KEY,
  doc_id       INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  version_no   INTEGER NOT NULL,      -- 1, 2, … per document
  sha256       TEXT NOT NULL,         -- of the raw file bytes
  path         TEXT NOT NULL,         -- as found on disk at ingestion (a move updates the latest version's)
  format       TEXT,
  reader       TEXT,
  encoding     TEXT,
  size_bytes   INTEGER,
  chars        INTEGER,               -- length of text
  pages        INTEGER,
  title        TEXT,
  doc_number   TEXT,
  doc_type     TEXT,
  date         TEXT,
  city         TEXT,
  province     TEXT,
  jurisdiction TEXT,                  -- full name: 四川省, 上海市黄浦区, 柳河县, 广州南沙新区, 中华人民共和国
  jurisdiction_level TEXT,            -- national / province / city / district / county / zone
  issuers      TEXT,                  -- JSON list
  warnings     TEXT,                  -- JSON list
  ingested_at  TEXT NOT NULL,         -- UTC ISO time
  tool_version TEXT NOT NULL,         -- policyparse.__version__ that produced the rows
  text         TEXT NOT NULL,         -- normalised text; every offset points into it
  meta_json    TEXT NOT NULL,         -- the Document without text/sections/clauses/records
  sidecar_sha256 TEXT,                -- of the file's SOURCES.tsv row as applied (NULL: stored before
                                      -- this column existed, or written without ingest)
  UNIQUE (doc_id, version_no)
);
CREATE INDEX IF NOT EXISTS versions_sha ON versions(sha256);
-- versions_jurisdiction, _city, _province, _level (by place): see db.PLACE_INDEXES, made after an
-- older store's columns are added

CREATE TABLE IF NOT EXISTS sections (
  version_id INTEGER NOT NULL REFERENCES versions(version_id) ON DELETE CASCADE,
  id         TEXT NOT NULL,           -- "s4.2" style, stable within a version
  parent_id  TEXT,
  number     TEXT,
  style      TEXT,
  ordinal    INTEGER,
  level      INTEGER,
  heading    TEXT,
  start      INTEGER,
  "end"      INTEGER,
  path       TEXT,                    -- "四/（二）"
  PRIMARY KEY (version_id, id)
);

CREATE TABLE IF NOT EXISTS clauses (
  version_id INTEGER NOT NULL REFERENCES versions(version_id) ON DELETE CASCADE,
  id         TEXT NOT NULL,
  section_id TEXT,
  section    TEXT,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  heading    INTEGER NOT NULL DEFAULT 0,
  text       TEXT NOT NULL,
  PRIMARY KEY (version_id, id)
);

-- Records of every kind in one table: the columns most kinds share, plus the full record as JSON.
CREATE TABLE IF NOT EXISTS records (
  record_id  INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES versions(version_id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,        -- order within the version (by start, end, kind)
  kind       TEXT NOT NULL,
  text       TEXT NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  clause_id  TEXT,
  section    TEXT,
  value      REAL,
  low        REAL,
  high       REAL,
  bound      TEXT,
  unit       TEXT,
  year       INTEGER,
  end_year   INTEGER,
  type       TEXT,
  currency   TEXT,
  per        TEXT,
  name       TEXT,
  role       TEXT,
  metric     TEXT,
  deontic    TEXT,
  actor      TEXT,
  cue        TEXT,
  json       TEXT NOT NULL            -- record.model_dump() as JSON: every field of every kind
);
CREATE INDEX IF NOT EXISTS records_version ON records(version_id, kind);
CREATE INDEX IF NOT EXISTS records_kind ON records(kind);
-- a version's records in order: export and compare read them so, without sorting the whole table
CREATE INDEX IF NOT EXISTS records_seq ON records(version_id, seq);

-- Files that could not be ingested; a later success (or an unchanged re-check) deletes the row.
CREATE TABLE IF NOT EXISTS failures (
  doc_key      TEXT PRIMARY KEY,
  path         TEXT NOT NULL,
  sha256       TEXT,                  -- NULL when the file could not even be read
  error        TEXT NOT NULL,         -- one line: "<path>: <reason>"
  failed_at    TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 1,
  tool_version TEXT NOT NULL
);

-- Documents found under a new path with the content of their latest version (moved or renamed
-- files): the document is re-keyed instead of stored again. One row per move.
CREATE TABLE IF NOT EXISTS moves (
  doc_id       INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  old_key      TEXT NOT NULL,
  new_key      TEXT NOT NULL,
  old_path     TEXT NOT NULL,         -- versions.path before the move
  new_path     TEXT NOT NULL,
  sha256       TEXT NOT NULL,         -- the content both paths held
  moved_at     TEXT NOT NULL,         -- UTC ISO time
  tool_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS moves_doc ON moves(doc_id);

-- The latest version of every document.
CREATE VIEW IF NOT EXISTS current_versions AS
  SELECT d.doc_key, d.first_seen, v.*
  FROM versions v JOIN documents d USING (doc_id)
  WHERE v.version_no = (SELECT MAX(version_no) FROM versions v2 WHERE v2.doc_id = v.doc_id);

-- Records of the latest versions, with the provenance a reader of one row needs.
CREATE VIEW IF NOT EXISTS current_records AS
  SELECT cv.doc_key, cv.path, cv.title, cv.city, cv.province, cv.jurisdiction, cv.jurisdiction_level,
         cv.date AS doc_date, cv.version_no, cv.sha256, r.*
  FROM records r JOIN current_versions cv USING (version_id);

CREATE VIEW IF NOT EXISTS current_clauses AS
  SELECT cv.doc_key, cv.path, cv.title, cv.version_no, c.*
  FROM clauses c JOIN current_versions cv USING (version_id);

-- Should always be empty: rows whose parent is missing (see docs/store.md).
CREATE VIEW IF NOT EXISTS orphans AS
  SELECT 'version' AS what, version_id AS row_id FROM versions
    WHERE doc_id NOT IN (SELECT doc_id FROM documents)
  UNION ALL SELECT 'section', version_id FROM sections
    WHERE version_id NOT IN (SELECT version_id FROM versions)
  UNION ALL SELECT 'clause', version_id FROM clauses
    WHERE version_id NOT IN (SELECT version_id FROM versions)
  UNION ALL SELECT 'record', record_id FROM records
    WHERE version_id NOT IN (SELECT version_id FROM versions)
  UNION ALL SELECT 'record-clause', r.record_id FROM records r
    WHERE r.clause_id IS NOT NULL AND NOT EXISTS
      (SELECT 1 FROM clauses c WHERE c.version_id = r.version_id AND c.id = r.clause_id)
  UNION ALL SELECT 'empty-document', doc_id FROM documents
    WHERE doc_id NOT IN (SELECT doc_id FROM versions);
