package alx.reportapi.report;

/** A token just issued: the only time its full text exists outside the client. */
public record IssuedToken(ReportToken token, String secretText) {
}
