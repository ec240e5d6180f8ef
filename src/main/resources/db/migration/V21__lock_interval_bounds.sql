-- The other two bounds of a run's holding of the lock: lock_taken_ms is read before the take and
-- lock_released_ms after the release, so the interval contains the real holding; these are read
-- after the take succeeded and before the release began, so their interval lies inside it. Two
-- runs held the lock at once for certain only if their inner intervals overlap; outer intervals
-- that do not overlap prove they did not. A take right after another run's release may make the
-- outer intervals overlap by a few milliseconds without any run having waited for the other.
ALTER TABLE ${prefix}local_alx_api_sync_runs ADD COLUMN lock_take_done_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ${prefix}local_alx_api_sync_runs ADD COLUMN lock_release_begun_ms BIGINT NOT NULL DEFAULT 0;
