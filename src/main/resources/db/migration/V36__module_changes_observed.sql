-- A course whose tracked modules changed is now observed once per run for the whole site, like a
-- course hidden in place (the COURSE_MODULES digest of the run's scan of course_modules), instead
-- of each company's pass comparing fingerprints of its own: the per-company fingerprints and the
-- queue row's flag for confirming them go. The first run after the upgrade stores the site's
-- fingerprints without observing anything, as every digest's first run does; a module changed
-- between the last run before the upgrade and that run is the rolling verification's to find.
DROP TABLE IF EXISTS ${prefix}local_alx_api_module_fp;
ALTER TABLE ${prefix}local_alx_api_company_sync DROP COLUMN pass_fp_pending;
