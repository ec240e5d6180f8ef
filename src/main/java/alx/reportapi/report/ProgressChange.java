package alx.reportapi.report;

/**
 * One entry of a company's change feed: a row as it is now, and for a tombstone why its pair was
 * deleted ({@code null} where not known, and for live rows).
 */
public record ProgressChange(ProgressRow row, String reason) {
}
