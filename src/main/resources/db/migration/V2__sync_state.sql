-- State the PHP plugin lacked (SPEC 2.2, "the port adds tables of its own"). A company without a
-- row here has never been synced by this product: its first sync is a full one, whatever cursor
-- the PHP plugin left in local_alx_api_sync_status, since rows the PHP code wrote carry its bugs.

-- One row per company: its place in the queue (SPEC 3.6) and the pass in progress, if any.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_company_sync (
    companyid BIGINT NOT NULL,
    priority INT NOT NULL DEFAULT 0,
    retry_count INT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    parked TINYINT NOT NULL DEFAULT 0,
    parked_at BIGINT NOT NULL DEFAULT 0,
    last_error LONGTEXT,
    last_attempt_at BIGINT NOT NULL DEFAULT 0,
    last_success_at BIGINT NOT NULL DEFAULT 0,
    last_run_id BIGINT NOT NULL DEFAULT 0,
    pass_mode VARCHAR(12) NOT NULL DEFAULT '',
    pass_started_at BIGINT NOT NULL DEFAULT 0,
    resume_userid BIGINT NOT NULL DEFAULT 0,
    resume_courseid BIGINT NOT NULL DEFAULT 0,
    pass_rows BIGINT NOT NULL DEFAULT 0,
    timemodified BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (companyid),
    KEY ${prefix}locaalxapicomsync_que_ix (parked, priority, last_success_at)
);

-- The (user, course) pairs a company's pass still has to derive, paged by key. Filled in one
-- set-based statement per change source when the pass starts; emptied when it completes.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_pending_pairs (
    companyid BIGINT NOT NULL,
    userid BIGINT NOT NULL,
    courseid BIGINT NOT NULL,
    -- 1 when the pair came from the qualification rule itself at detection: its derivation need
    -- not test the rule again. A change after detection is caught by the next pass.
    qualified TINYINT NOT NULL DEFAULT 0,
    PRIMARY KEY (companyid, userid, courseid)
);

-- Per company and course, a fingerprint of the course's tracked modules: adding or deleting a
-- tracked module leaves no timestamp on the pairs it changes. pending = 0 is what the company's
-- last completed pass saw; pending = 1 is what the pass in progress saw when it began, confirmed
-- only when that pass completes, so a failed pass loses nothing.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_module_fp (
    companyid BIGINT NOT NULL,
    courseid BIGINT NOT NULL,
    pending TINYINT NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    PRIMARY KEY (companyid, pending, courseid)
);

-- The run log: one row per run attempt, skipped runs included (SPEC 3.7).
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_sync_runs (
    id BIGINT NOT NULL AUTO_INCREMENT,
    execution_id BIGINT NOT NULL DEFAULT 0,
    node VARCHAR(100) NOT NULL DEFAULT '',
    trigger_source VARCHAR(20) NOT NULL DEFAULT '',
    outcome VARCHAR(20) NOT NULL DEFAULT 'running',
    started_at BIGINT NOT NULL DEFAULT 0,
    ended_at BIGINT NOT NULL DEFAULT 0,
    budget_seconds INT NOT NULL DEFAULT 0,
    companies_done INT NOT NULL DEFAULT 0,
    companies_failed INT NOT NULL DEFAULT 0,
    companies_remaining INT NOT NULL DEFAULT 0,
    rows_written BIGINT NOT NULL DEFAULT 0,
    rows_deleted BIGINT NOT NULL DEFAULT 0,
    message LONGTEXT,
    -- When this run held the lock, in milliseconds: what an audit of "never two at once" needs.
    lock_taken_ms BIGINT NOT NULL DEFAULT 0,
    lock_released_ms BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ${prefix}locaalxapisyncruns_sta_ix (started_at),
    KEY ${prefix}locaalxapisyncruns_exe_ix (execution_id)
);
