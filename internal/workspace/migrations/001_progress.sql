-- Progress of one learner through one course.

-- One row per step the learner has worked on.
CREATE TABLE steps (
  step_id         TEXT PRIMARY KEY,
  attempts        INTEGER NOT NULL DEFAULT 0,
  -- when the step first passed (RFC 3339), NULL until it has
  passed_at       TEXT,
  last_status     TEXT,
  last_checked_at TEXT,
  hints_seen      INTEGER NOT NULL DEFAULT 0,
  solution_seen_at TEXT
);

-- Everything that happened, in order: check, pass, hint, solution, reset, goto.
CREATE TABLE events (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  step_id TEXT NOT NULL,
  kind    TEXT NOT NULL,
  detail  TEXT NOT NULL DEFAULT ''
);

-- Workspace-wide settings: the step goto chose, trust in the course.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
