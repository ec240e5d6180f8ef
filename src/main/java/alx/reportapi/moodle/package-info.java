/**
 * The read side of Moodle/IOMAD: which (user, course) pairs qualify for a company's reporting
 * (SPEC 2.3), which changed since a cursor (SPEC 3.2), and the facts a reporting row is derived
 * from. Everything here is set-based SQL over Moodle's tables; nothing here writes to them.
 * <p>
 * Depends on {@code alx.reportapi.db}.
 */
package alx.reportapi.moodle;
