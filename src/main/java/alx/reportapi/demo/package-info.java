/**
 * Generated Moodle/IOMAD data for the demo, the tests and the benchmarks: a deterministic,
 * realistic multi-tenant site at any scale, loaded in bulk, and the embedded demo database that
 * the README's run command starts on. Never used against a real Moodle.
 * <p>
 * Depends on {@code db}.
 */
package alx.reportapi.demo;
