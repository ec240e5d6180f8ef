-- Moodle's web service tables, as far as the compatible report endpoint reads them: which
-- functions exist, which services hold them, who may use a restricted service, and the tokens.
-- Shapes follow Moodle's XMLDB definitions for MySQL, trimmed to the columns the product uses.

CREATE TABLE IF NOT EXISTS ${prefix}external_functions (
    id BIGINT NOT NULL AUTO_INCREMENT,
    name VARCHAR(200) NOT NULL DEFAULT '',
    classname VARCHAR(100) NOT NULL DEFAULT '',
    methodname VARCHAR(100) NOT NULL DEFAULT '',
    component VARCHAR(100) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}extefunc_nam_uix (name)
);

CREATE TABLE IF NOT EXISTS ${prefix}external_services (
    id BIGINT NOT NULL AUTO_INCREMENT,
    name VARCHAR(200) NOT NULL DEFAULT '',
    enabled TINYINT NOT NULL DEFAULT 0,
    restrictedusers TINYINT NOT NULL DEFAULT 0,
    component VARCHAR(100),
    shortname VARCHAR(255),
    timecreated BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}exteserv_nam_uix (name)
);

CREATE TABLE IF NOT EXISTS ${prefix}external_services_functions (
    id BIGINT NOT NULL AUTO_INCREMENT,
    externalserviceid BIGINT NOT NULL,
    functionname VARCHAR(200) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    KEY ${prefix}exteservfunc_ext_ix (externalserviceid)
);

CREATE TABLE IF NOT EXISTS ${prefix}external_services_users (
    id BIGINT NOT NULL AUTO_INCREMENT,
    externalserviceid BIGINT NOT NULL,
    userid BIGINT NOT NULL,
    iprestriction VARCHAR(255),
    validuntil BIGINT,
    timecreated BIGINT,
    PRIMARY KEY (id),
    KEY ${prefix}exteservuser_ext_ix (externalserviceid),
    KEY ${prefix}exteservuser_use_ix (userid)
);

CREATE TABLE IF NOT EXISTS ${prefix}external_tokens (
    id BIGINT NOT NULL AUTO_INCREMENT,
    token VARCHAR(128) NOT NULL DEFAULT '',
    privatetoken VARCHAR(64),
    tokentype SMALLINT NOT NULL,
    userid BIGINT NOT NULL,
    externalserviceid BIGINT NOT NULL,
    sid VARCHAR(128),
    contextid BIGINT NOT NULL,
    creatorid BIGINT NOT NULL DEFAULT 1,
    iprestriction VARCHAR(255),
    validuntil BIGINT,
    timecreated BIGINT NOT NULL,
    lastaccess BIGINT,
    name VARCHAR(255),
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}extetoke_tok_uix (token),
    KEY ${prefix}extetoke_use_ix (userid),
    KEY ${prefix}extetoke_ext_ix (externalserviceid)
);
