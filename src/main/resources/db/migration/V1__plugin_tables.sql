-- The PHP plugin's own tables, in the exact shape its install.xml gives them (SPEC 2.2).
-- IF NOT EXISTS: a site that already runs the PHP plugin keeps its tables and data as they are.

CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_reporting (
    id BIGINT NOT NULL AUTO_INCREMENT,
    userid BIGINT NOT NULL,
    companyid BIGINT NOT NULL,
    courseid BIGINT NOT NULL,
    firstname VARCHAR(100) NOT NULL DEFAULT '',
    lastname VARCHAR(100) NOT NULL DEFAULT '',
    email VARCHAR(100) NOT NULL DEFAULT '',
    username VARCHAR(100) NOT NULL DEFAULT '',
    coursename VARCHAR(255) NOT NULL DEFAULT '',
    timecompleted BIGINT NOT NULL DEFAULT 0,
    timestarted BIGINT NOT NULL DEFAULT 0,
    percentage DECIMAL(5,2) NOT NULL DEFAULT 0,
    status VARCHAR(20) NOT NULL DEFAULT 'not_started',
    last_updated BIGINT NOT NULL DEFAULT 0,
    is_deleted TINYINT NOT NULL DEFAULT 0,
    timecreated BIGINT NOT NULL DEFAULT 0,
    timemodified BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}locaalxapirepo_usecoucom_uix (userid, courseid, companyid),
    KEY ${prefix}locaalxapirepo_com_ix (companyid),
    KEY ${prefix}locaalxapirepo_las_ix (last_updated),
    KEY ${prefix}locaalxapirepo_sta_ix (status),
    KEY ${prefix}locaalxapirepo_isd_ix (is_deleted),
    KEY ${prefix}locaalxapirepo_tim_ix (timecompleted),
    KEY ${prefix}locaalxapirepo_use_ix (username),
    KEY ${prefix}locaalxapirepo_usecou_ix (userid, courseid)
);

CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_sync_status (
    id BIGINT NOT NULL AUTO_INCREMENT,
    companyid BIGINT NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    last_sync_timestamp BIGINT NOT NULL DEFAULT 0,
    sync_mode VARCHAR(20) NOT NULL DEFAULT 'auto',
    sync_window_hours BIGINT NOT NULL DEFAULT 24,
    last_sync_records BIGINT NOT NULL DEFAULT 0,
    last_sync_status VARCHAR(20) NOT NULL DEFAULT 'success',
    last_sync_error LONGTEXT,
    total_syncs BIGINT NOT NULL DEFAULT 0,
    timecreated BIGINT NOT NULL DEFAULT 0,
    timemodified BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}locaalxapisyncstat_comtok_uix (companyid, token_hash)
);

CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_settings (
    id BIGINT NOT NULL AUTO_INCREMENT,
    companyid BIGINT NOT NULL,
    setting_name VARCHAR(100) NOT NULL,
    setting_value LONGTEXT,
    timecreated BIGINT NOT NULL DEFAULT 0,
    timemodified BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}locaalxapisett_comset_uix (companyid, setting_name)
);
