-- The run's collection of timestamped changes, fanned out to the companies of each changed user
-- once per run. Each company's pass then reads its own changes through this key: joined to the
-- site's collection, every company's statement read all of the site's changed pairs (865 rows for
-- 9 of its own at scale 10, 0.85 ms a company, a tenth of an incremental run). Only the run that
-- holds the sync lock fills it.
CREATE TABLE IF NOT EXISTS ${prefix}local_alx_api_company_changes (
    companyid BIGINT NOT NULL,
    userid BIGINT NOT NULL,
    courseid BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (companyid, userid, courseid)
);
