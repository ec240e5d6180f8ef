-- The report API's snapshot and the compatible endpoint read one company's live rows in (userid,
-- courseid) order, a page at a time (README, Behaviors 18 and 25). None of the plugin's indexes
-- starts with the company and gives that order: MariaDB either sorted every live row of the
-- company for each page or walked the (userid, courseid) index through every other company's rows
-- (3.6 s for the first page of a 510,000-row company whose learners joined last; docs/BENCHMARKS.md,
-- "The report API"). With this index a snapshot page is a range read of its own rows, and an
-- offset page skips the rows before it in the index alone. An index, not a column: the table keeps
-- the plugin's columns.
CREATE INDEX IF NOT EXISTS ${prefix}locaalxapirepo_comisdusecou_ix
    ON ${prefix}local_alx_api_reporting (companyid, is_deleted, userid, courseid);
