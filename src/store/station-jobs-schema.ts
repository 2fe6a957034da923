// Tables for batch jobs and their per-unit step log (station.db, version 1). Every step is written when it
// starts and when it ends, so a job whose app crashed or was closed shows exactly where each unit stopped and
// batch.resume can continue with the units that are not done.
export const JOBS_SQL = `
  -- One row per batch job. profile_json is the profile as it was when the job started: a resumed job applies
  -- the same values even if the saved profile was edited since. Times are ms since the epoch.
  CREATE TABLE jobs (
    job_id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL,
    profile_name TEXT NOT NULL,
    profile_json TEXT NOT NULL,
    state TEXT NOT NULL,            -- running | paused | finished | cancelled | interrupted
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    parallelism INTEGER NOT NULL,
    watch_new INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX jobs_by_created ON jobs (created_at);

  -- The units of a job, by their 1-based position (the {n} of the SSID pattern).
  CREATE TABLE job_units (
    job_id TEXT NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    unit_key TEXT NOT NULL,
    model TEXT,
    outcome TEXT NOT NULL,          -- queued | running | done | failed | needs-attention | cancelled
    applied_json TEXT,              -- what was set (SSID, whether a key was set); never a secret
    error_json TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (job_id, position)
  ) WITHOUT ROWID;
  CREATE INDEX job_units_by_key ON job_units (job_id, unit_key);

  CREATE TABLE job_steps (
    job_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    step TEXT NOT NULL,
    status TEXT NOT NULL,           -- pending | running | ok | skipped | failed
    detail TEXT,
    started_at INTEGER,
    ended_at INTEGER,
    PRIMARY KEY (job_id, position, step),
    FOREIGN KEY (job_id, position) REFERENCES job_units (job_id, position) ON DELETE CASCADE
  ) WITHOUT ROWID;
`
