-- The run's one collection now holds every pair changed by a timestamped source (SPEC 3.2: course
-- and module completions, enrolments, user profiles, courses), not only completions: per company,
-- the three sources asked of Moodle's tables cost three statements each time, while the site's
-- changes since the oldest cursor are read once, through each timestamp's index.
ALTER TABLE ${prefix}local_alx_api_completion_changes RENAME TO ${prefix}local_alx_api_timed_changes;
