// Tables for batch jobs and their per-unit step log (station.db, version 1).
export const JOBS_SQL = ``
