-- The (user, course) pairs whose course completion or module completions changed since the oldest
-- cursor of the companies a run may sync, collected once per run. Asked per company, the two
-- completion sources cost most of an incremental run at scale 10: course completions change
-- through two timestamps Moodle does not index, so every completion of the company's users was
-- read; module completions were matched company by company against the whole site's recent
-- changes. Each company's pass now joins its users to this table. Only the run that holds the
-- sync lock fills it.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_completion_changes (
    userid BIGINT NOT NULL,
    courseid BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (userid, courseid)
);
