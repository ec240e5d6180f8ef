package alx.reportapi.webservice;

/**
 * What the compatible endpoint answers one call with, and what its request log entry and metrics
 * need to know of it.
 *
 * @param body      the response body in the call's format, sent with HTTP 200 whatever it says
 * @param error     the error the body reports, null for a page of rows
 * @param rows      rows in the body
 * @param companyId the company the token's user belongs to, null before the token is known or for a
 *                  user of no company or of several
 */
record CompatAnswer(String body, MoodleException error, int rows, Long companyId) {
}
