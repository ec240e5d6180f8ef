/**
 * The read side of Moodle/IOMAD: which (user, course) pairs qualify for a company's reporting,
 * which changed since a cursor, the facts a reporting row is derived from (README, Behavior 5), and
 * which condition of the rule a pair that left the reporting no longer meets ({@code Disqualification}).
 * Pairs are found with set-based SQL over Moodle's tables. A page's facts are read with one
 * statement per source for the page's users; module completions and enrolment starts are summed
 * here, with the run's one scan of course_modules ({@link alx.reportapi.moodle.CourseModules})
 * saying which course each module belongs to. Nothing here writes to Moodle's tables.
 * <p>
 * Depends on {@code db}.
 */
package alx.reportapi.moodle;
