// Tables for the shop inventory and returns (station.db, version 1). Names stay clear of the jobs
// tables (jobs, job_units, job_steps). Secrets are never stored here: Wi-Fi keys and admin passwords
// live in the host's encrypted SecretStore; `has_key` only says one is kept there.
export const INVENTORY_SQL = `
CREATE TABLE units (
  unit_key TEXT PRIMARY KEY,
  imei TEXT,
  iccid TEXT,
  msisdn TEXT,
  model TEXT,
  firmware TEXT,
  ssid TEXT,
  has_key INTEGER NOT NULL DEFAULT 0,
  last_profile_id TEXT,
  last_provisioned_at INTEGER,
  status TEXT NOT NULL DEFAULT 'in-stock',
  note TEXT,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  device_id TEXT
);
CREATE INDEX units_status ON units (status);

CREATE TABLE checkouts (
  checkout_id TEXT PRIMARY KEY,
  unit_key TEXT NOT NULL REFERENCES units (unit_key) ON DELETE CASCADE,
  checked_out_at INTEGER NOT NULL,
  iccid TEXT,
  month_total_bytes INTEGER,
  note TEXT,
  closed_at INTEGER
);
CREATE INDEX checkouts_unit ON checkouts (unit_key, checked_out_at);

CREATE TABLE return_records (
  record_id TEXT PRIMARY KEY,
  unit_key TEXT NOT NULL REFERENCES units (unit_key) ON DELETE CASCADE,
  checkout_id TEXT,
  checked_in_at INTEGER NOT NULL,
  record_json TEXT NOT NULL
);
CREATE INDEX return_records_unit ON return_records (unit_key, checked_in_at);
`
