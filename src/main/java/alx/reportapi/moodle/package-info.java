/**
 * The read side of Moodle/IOMAD: which (user, course) pairs qualify for a company's reporting
 * (SPEC 2.3), which changed since a cursor (SPEC 3.2), and the facts a reporting row is derived
 * from. Pairs are found with set-based SQL over Moodle's tables. A page's facts are read with
 * one statement per source for the page's users; where grouping inside MariaDB cost more than
 * the rows themselves (module completions, enrolment starts), they are summed here, with the
 * run's one scan of course_modules ({@link alx.reportapi.moodle.CourseModules}) saying which
 * course each module belongs to. Nothing here writes to Moodle's tables.
 * <p>
 * Depends on {@code alx.reportapi.db}.
 */
package alx.reportapi.moodle;
