-- Item statistics (issue 12). Applied by `wrangler d1 migrations apply` on
-- Workers (D1) and by src/stats/sqlite.ts on Node, which both record applied
-- migrations in the d1_migrations table. Never edit a migration that has
-- shipped: add the next numbered file.

-- One graded exam attempt, once per attempt id (client-supplied or derived).
-- responses: JSON [{"q": question id, "r": revision, "v": response, "c": 0|1}].
-- applied: 0 while its contribution to the aggregates below is pending; the
-- same transaction that inserts it applies it.
CREATE TABLE attempts (
  bank TEXT NOT NULL,
  id TEXT NOT NULL,
  exam_id TEXT NOT NULL,
  version TEXT NOT NULL,
  learner TEXT,
  score INTEGER NOT NULL,
  total INTEGER NOT NULL,
  responses TEXT NOT NULL,
  applied INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (bank, id)
);
CREATE INDEX attempts_learner ON attempts (learner) WHERE learner IS NOT NULL;
-- Attempts not yet added to the sums (Node adds them shortly after the write).
CREATE INDEX attempts_pending ON attempts (bank, id) WHERE applied = 0;

-- One practice answer check (POST .../questions/{id}/answer).
CREATE TABLE checks (
  id INTEGER PRIMARY KEY,
  bank TEXT NOT NULL,
  question TEXT NOT NULL,
  revision TEXT NOT NULL,
  learner TEXT,
  response TEXT NOT NULL,
  correct INTEGER NOT NULL,
  options TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX checks_learner ON checks (learner) WHERE learner IS NOT NULL;

-- Sums per item revision, kept on write. From exam attempts: n responses,
-- correct (= sum of x), and for the corrected point-biserial the sums of
-- y = total score - x: sy, sxy, syy; per score bucket (percent score in
-- 2-point steps: bucket 0..50, JSON arrays of 51 counts) the responses and
-- the correct ones, from which the upper and lower 27% groups are read
-- without reading any response. From practice checks: practice_n, practice_correct.
CREATE TABLE item_stats (
  bank TEXT NOT NULL,
  question TEXT NOT NULL,
  revision TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  correct INTEGER NOT NULL DEFAULT 0,
  sy INTEGER NOT NULL DEFAULT 0,
  sxy INTEGER NOT NULL DEFAULT 0,
  syy INTEGER NOT NULL DEFAULT 0,
  bucket_n TEXT NOT NULL DEFAULT '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]',
  bucket_correct TEXT NOT NULL DEFAULT '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]',
  practice_n INTEGER NOT NULL DEFAULT 0,
  practice_correct INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (bank, question, revision)
) WITHOUT ROWID;

-- How often each option was chosen, per item revision: in exam attempts per
-- score bucket (JSON array of 51 counts), and in practice checks.
CREATE TABLE item_options (
  bank TEXT NOT NULL,
  question TEXT NOT NULL,
  revision TEXT NOT NULL,
  option TEXT NOT NULL,
  bucket_n TEXT NOT NULL DEFAULT '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]',
  practice_n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (bank, question, revision, option)
) WITHOUT ROWID;

-- Score distribution per bank and exam length (total questions).
CREATE TABLE scores (
  bank TEXT NOT NULL,
  total INTEGER NOT NULL,
  score INTEGER NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (bank, total, score)
) WITHOUT ROWID;

-- Server-side settings kept with the data: the learner-id HMAC key when
-- STATS_SECRET is not set.
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
