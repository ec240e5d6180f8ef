-- What the Moodle tables held at the previous run, per user block or per course, for the changes
-- Moodle makes without a timestamp (README, Behavior 5): rows deleted, fields set in place. A
-- bucket is a block of users (user-keyed sources) or one course (course-keyed sources). The count,
-- the sum of ids and the XOR of each row's content hash are kept apart, so that a source whose
-- inserted rows are found by id can add them to what it stores without reading the table again.
-- max_id: for a source read only up to a watermark, the highest id the stored values include.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_source_digests (
    source VARCHAR(32) NOT NULL,
    bucket BIGINT NOT NULL,
    rows_count BIGINT NOT NULL,
    id_sum BIGINT NOT NULL,
    content_xor BIGINT NOT NULL,
    PRIMARY KEY (source, bucket)
);

-- Untimed changes turned into timed ones: what a run's digests found changed, stamped with when
-- the run saw it, so that every company whose cursor is older re-derives the affected pairs,
-- whichever run reaches it. userid 0 means every user of the course; courseid 0 every course of
-- the user. Rows older than every company's cursor are purged.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_observed_changes (
    userid BIGINT NOT NULL,
    courseid BIGINT NOT NULL,
    observed_at BIGINT NOT NULL,
    PRIMARY KEY (userid, courseid),
    KEY ${prefix}locaalxapiobsch_obs_ix (observed_at)
);

-- A pending pair that only the rolling verification asked for: when its derived row differs from
-- the stored one, the fast path missed a change (a correction).
ALTER TABLE ${prefix}local_alx_api_pending_pairs ADD COLUMN verify TINYINT NOT NULL DEFAULT 0;

-- Each company's place in the rolling verification: the next user to verify and the time up to
-- which its verification is paid for. A pass records where it will leave them; its completion
-- makes them the company's.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_verification (
    companyid BIGINT NOT NULL,
    next_userid BIGINT NOT NULL DEFAULT 0,
    paid_until BIGINT NOT NULL DEFAULT 0,
    pass_next_userid BIGINT NOT NULL DEFAULT 0,
    pass_paid_until BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (companyid)
);

-- Rows the rolling verification corrected in the run: each one a change the fast path missed.
ALTER TABLE ${prefix}local_alx_api_sync_runs ADD COLUMN corrections BIGINT NOT NULL DEFAULT 0;
