-- Real Moodle indexes course_modules_completion on (userid, coursemoduleid) and on coursemoduleid
-- only: the subset keeps no index on timemodified, so that what the sync reads of the largest
-- table costs here what it costs on a real site.
ALTER TABLE ${prefix}course_modules_completion DROP INDEX ${prefix}courmoducomp_tim_ix;
