-- The report API's tokens and request log (README, Behavior 24), persisted with JPA.

-- A token belongs to one company. Only the sha256 of its secret is stored; public_id finds the row
-- and is shown in lists so an admin can tell tokens apart.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_report_tokens (
    id BIGINT NOT NULL AUTO_INCREMENT,
    public_id VARCHAR(16) NOT NULL,
    secret_hash VARCHAR(64) NOT NULL,
    companyid BIGINT NOT NULL,
    label VARCHAR(255) NOT NULL DEFAULT '',
    created_by VARCHAR(100) NOT NULL DEFAULT '',
    timecreated BIGINT NOT NULL DEFAULT 0,
    expires_at BIGINT,
    revoked_at BIGINT,
    last_used_at BIGINT,
    last_used_ip VARCHAR(45),
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}locaalxapirepotoke_pub_uix (public_id),
    KEY ${prefix}locaalxapirepotoke_com_ix (companyid)
);

-- One row per report API request: who, what, how it ended; never the secret.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_request_log (
    id BIGINT NOT NULL AUTO_INCREMENT,
    request_id VARCHAR(36) NOT NULL,
    token_id BIGINT,
    companyid BIGINT,
    endpoint VARCHAR(100) NOT NULL,
    http_status INT NOT NULL,
    errorcode VARCHAR(50),
    rows_returned INT NOT NULL DEFAULT 0,
    duration_ms INT NOT NULL DEFAULT 0,
    client_ip VARCHAR(45),
    timecreated BIGINT NOT NULL,
    PRIMARY KEY (id),
    KEY ${prefix}locaalxapirequlog_tim_ix (timecreated),
    KEY ${prefix}locaalxapirequlog_com_ix (companyid, timecreated)
);
