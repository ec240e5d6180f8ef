/**
 * Benchmarks, run by the scripts in {@code bench/} and never by the test suite (no class here ends
 * in Test or IT). Each prints {@code BENCH <name> <value>} lines; docs/BENCHMARKS.md records them.
 */
package alx.reportapi.bench;
