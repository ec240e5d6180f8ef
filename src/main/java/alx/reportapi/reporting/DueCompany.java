package alx.reportapi.reporting;

/**
 * A company the queue chose for this run, and the database clock when it was chosen.
 *
 * @param chosenAt Unix time on the database server, read by the statement that chose the company
 */
public record DueCompany(CompanySyncState state, long chosenAt) {
}
