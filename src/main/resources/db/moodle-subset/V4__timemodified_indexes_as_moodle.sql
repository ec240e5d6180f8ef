-- Real Moodle indexes none of user, course and user_enrolments on timemodified: the subset drops
-- the indexes V1 gave them, so that the sync's reads of these tables by time cost here what they
-- cost on a real site.
ALTER TABLE ${prefix}user DROP INDEX ${prefix}user_tim_ix;
ALTER TABLE ${prefix}course DROP INDEX ${prefix}cour_tim_ix;
ALTER TABLE ${prefix}user_enrolments DROP INDEX ${prefix}userenro_tim_ix;
