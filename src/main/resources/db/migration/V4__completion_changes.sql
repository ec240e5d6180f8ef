-- The course completions changed since the oldest company cursor, collected once per run. Two of
-- the three timestamps a completion changes (timestarted, timeenrolled) have no index in Moodle,
-- so finding a company's changed completions read every completion of its users; at scale 10
-- that was most of what an unchanged company cost. Each company's pass now joins its users to
-- this table instead. Only the run that holds the sync lock fills it.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_cc_changes (
    userid BIGINT NOT NULL,
    courseid BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (userid, courseid)
);
