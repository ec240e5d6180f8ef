-- The report API's own tables (README, Behaviors 18 and on). The plugin's tables keep their shape:
-- what the API needs beyond them lives here.

-- Per-company report settings (field_*, course_{id}, rate_limit, sync_mode, sync_window_hours) as
-- full integers, in the shape of the plugin's local_alx_api_settings, whose setting_value is a
-- TINYINT on a PHP site and cannot hold a rate limit of 500. A value here wins over the plugin's
-- row of the same name, which is read as the value adopted from the PHP plugin.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_report_settings (
    id BIGINT NOT NULL AUTO_INCREMENT,
    companyid BIGINT NOT NULL,
    setting_name VARCHAR(100) NOT NULL,
    setting_value BIGINT NOT NULL,
    timecreated BIGINT NOT NULL DEFAULT 0,
    timemodified BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}locaalxapireposett_comset_uix (companyid, setting_name)
);

-- Request counters of the rate limits: one row per scope ('company' or 'token'), its id and the
-- window it counts, incremented by one conditional UPDATE so parallel requests never pass the quota.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_rate_counters (
    id BIGINT NOT NULL AUTO_INCREMENT,
    scope VARCHAR(20) NOT NULL,
    scope_id BIGINT NOT NULL,
    window_start BIGINT NOT NULL,
    requests BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}locaalxapiratecoun_scoidwin_uix (scope, scope_id, window_start),
    KEY ${prefix}locaalxapiratecoun_win_ix (window_start)
);
