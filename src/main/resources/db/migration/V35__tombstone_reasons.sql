-- Why each soft-deleted reporting row was deleted, for the report API's change feed (README,
-- Behavior 25). The reporting table keeps the PHP plugin's exact shape, so the reason lives beside
-- it, one row per pair, rewritten by each deletion of that pair; a revived row keeps its old reason
-- here, but the feed reads a reason only for rows that are deleted now. reason is NULL where the
-- pair met every condition when the deletion was written.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_tombstone_reasons (
    companyid BIGINT NOT NULL,
    userid BIGINT NOT NULL,
    courseid BIGINT NOT NULL,
    reason VARCHAR(32),
    timecreated BIGINT NOT NULL,
    PRIMARY KEY (companyid, userid, courseid)
);
