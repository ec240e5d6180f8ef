-- The subset of Moodle/IOMAD tables the product reads (SPEC 2.1), plus Moodle's config_plugins.
-- Applied only to the embedded demo database and to test databases: a real Moodle owns these.
-- Shapes follow Moodle's XMLDB definitions for MySQL, trimmed to the columns the product uses.

CREATE TABLE IF NOT EXISTS ${prefix}config_plugins (
    id BIGINT NOT NULL AUTO_INCREMENT,
    plugin VARCHAR(100) NOT NULL DEFAULT 'core',
    name VARCHAR(100) NOT NULL DEFAULT '',
    value LONGTEXT NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}confplug_plunam_uix (plugin, name)
);

CREATE TABLE IF NOT EXISTS ${prefix}user (
    id BIGINT NOT NULL AUTO_INCREMENT,
    username VARCHAR(100) NOT NULL DEFAULT '',
    firstname VARCHAR(100) NOT NULL DEFAULT '',
    lastname VARCHAR(100) NOT NULL DEFAULT '',
    email VARCHAR(100) NOT NULL DEFAULT '',
    deleted TINYINT NOT NULL DEFAULT 0,
    suspended TINYINT NOT NULL DEFAULT 0,
    timemodified BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}user_use_uix (username),
    KEY ${prefix}user_del_ix (deleted),
    KEY ${prefix}user_tim_ix (timemodified)
);

CREATE TABLE IF NOT EXISTS ${prefix}course (
    id BIGINT NOT NULL AUTO_INCREMENT,
    fullname VARCHAR(254) NOT NULL DEFAULT '',
    shortname VARCHAR(255) NOT NULL DEFAULT '',
    visible TINYINT NOT NULL DEFAULT 1,
    timemodified BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ${prefix}cour_tim_ix (timemodified)
);

CREATE TABLE IF NOT EXISTS ${prefix}company (
    id BIGINT NOT NULL AUTO_INCREMENT,
    name VARCHAR(255) NOT NULL DEFAULT '',
    shortname VARCHAR(25) NOT NULL DEFAULT '',
    suspended TINYINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS ${prefix}company_users (
    id BIGINT NOT NULL AUTO_INCREMENT,
    companyid BIGINT NOT NULL,
    userid BIGINT NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}compuser_comuse_uix (companyid, userid),
    KEY ${prefix}compuser_use_ix (userid)
);

CREATE TABLE IF NOT EXISTS ${prefix}company_course (
    id BIGINT NOT NULL AUTO_INCREMENT,
    companyid BIGINT NOT NULL,
    courseid BIGINT NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}compcour_comcou_uix (companyid, courseid),
    KEY ${prefix}compcour_cou_ix (courseid)
);

CREATE TABLE IF NOT EXISTS ${prefix}enrol (
    id BIGINT NOT NULL AUTO_INCREMENT,
    enrol VARCHAR(20) NOT NULL DEFAULT '',
    status BIGINT NOT NULL DEFAULT 0,
    courseid BIGINT NOT NULL,
    PRIMARY KEY (id),
    KEY ${prefix}enro_cou_ix (courseid),
    KEY ${prefix}enro_enr_ix (enrol)
);

CREATE TABLE IF NOT EXISTS ${prefix}user_enrolments (
    id BIGINT NOT NULL AUTO_INCREMENT,
    status BIGINT NOT NULL DEFAULT 0,
    enrolid BIGINT NOT NULL,
    userid BIGINT NOT NULL,
    timestart BIGINT NOT NULL DEFAULT 0,
    timeend BIGINT NOT NULL DEFAULT 2147483647,
    timecreated BIGINT NOT NULL DEFAULT 0,
    timemodified BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}userenro_enruse_uix (enrolid, userid),
    KEY ${prefix}userenro_use_ix (userid),
    KEY ${prefix}userenro_tim_ix (timemodified)
);

CREATE TABLE IF NOT EXISTS ${prefix}context (
    id BIGINT NOT NULL AUTO_INCREMENT,
    contextlevel BIGINT NOT NULL DEFAULT 0,
    instanceid BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}cont_conins_uix (contextlevel, instanceid)
);

CREATE TABLE IF NOT EXISTS ${prefix}role (
    id BIGINT NOT NULL AUTO_INCREMENT,
    shortname VARCHAR(100) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}role_sho_uix (shortname)
);

CREATE TABLE IF NOT EXISTS ${prefix}role_assignments (
    id BIGINT NOT NULL AUTO_INCREMENT,
    roleid BIGINT NOT NULL DEFAULT 0,
    contextid BIGINT NOT NULL DEFAULT 0,
    userid BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ${prefix}roleassi_rolcon_ix (roleid, contextid),
    KEY ${prefix}roleassi_usecontra_ix (userid, contextid, roleid),
    KEY ${prefix}roleassi_con_ix (contextid)
);

CREATE TABLE IF NOT EXISTS ${prefix}course_modules (
    id BIGINT NOT NULL AUTO_INCREMENT,
    course BIGINT NOT NULL DEFAULT 0,
    completion TINYINT NOT NULL DEFAULT 0,
    deletioninprogress TINYINT NOT NULL DEFAULT 0,
    added BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ${prefix}courmodu_cou_ix (course)
);

CREATE TABLE IF NOT EXISTS ${prefix}course_modules_completion (
    id BIGINT NOT NULL AUTO_INCREMENT,
    coursemoduleid BIGINT NOT NULL,
    userid BIGINT NOT NULL,
    completionstate TINYINT NOT NULL,
    timemodified BIGINT NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}courmoducomp_usecou_uix (userid, coursemoduleid),
    KEY ${prefix}courmoducomp_cou_ix (coursemoduleid),
    KEY ${prefix}courmoducomp_tim_ix (timemodified)
);

CREATE TABLE IF NOT EXISTS ${prefix}course_completions (
    id BIGINT NOT NULL AUTO_INCREMENT,
    userid BIGINT NOT NULL DEFAULT 0,
    course BIGINT NOT NULL DEFAULT 0,
    timeenrolled BIGINT NOT NULL DEFAULT 0,
    timestarted BIGINT NOT NULL DEFAULT 0,
    timecompleted BIGINT,
    PRIMARY KEY (id),
    UNIQUE KEY ${prefix}courcomp_usecou_uix (userid, course),
    KEY ${prefix}courcomp_cou_ix (course),
    KEY ${prefix}courcomp_tim_ix (timecompleted)
);
