-- A course's digest is split in two: its visibility (a course hidden, shown, created or deleted,
-- whose pairs are derived again) and its name (a course renamed, whose live rows take the name
-- in every company without their pairs derived again), and a course's timestamp no longer makes
-- its pairs changed. The retired digest goes; the first run after the upgrade stores the two new
-- ones without observing anything, as every digest's first run does, and a course renamed or
-- hidden between the last run before the upgrade and that run is the rolling verification's to find.
DELETE FROM ${prefix}local_alx_api_source_digests WHERE source = 'COURSES';
