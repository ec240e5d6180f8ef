package alx.reportapi.report;

/**
 * What a presented token turned out to be: a token of a company, or why it is refused.
 *
 * @param refusal {@code invalid_token} (unknown, malformed or revoked) or {@code token_expired};
 *                null when admitted
 */
public record TokenCheck(ReportToken token, String refusal) {

    public boolean admitted() {
        return refusal == null;
    }
}
