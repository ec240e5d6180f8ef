-- The admin audit trail (SPEC 5, "every action logged"): who did what, when, and with what result.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_audit (
    id BIGINT NOT NULL AUTO_INCREMENT,
    timecreated BIGINT NOT NULL DEFAULT 0,
    username VARCHAR(100) NOT NULL DEFAULT '',
    action VARCHAR(40) NOT NULL DEFAULT '',
    target VARCHAR(100) NOT NULL DEFAULT '',
    outcome VARCHAR(20) NOT NULL DEFAULT '',
    detail LONGTEXT,
    node VARCHAR(100) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    KEY ${prefix}locaalxapiaudi_tim_ix (timecreated)
);
