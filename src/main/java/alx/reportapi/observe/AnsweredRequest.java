package alx.reportapi.observe;

/**
 * One report API request as it was answered, whichever door it came through, for the metrics and
 * the request log.
 *
 * @param loggedEndpoint the request log's endpoint: the v2 resource, or the compatible endpoint's path
 * @param errorCode      the v2 problem's or the Moodle error's code, null on success
 * @param refusedBy      the limit that refused it, null unless it was refused for its rate
 * @param tokenId        the report token's id, null when there was none (or a Moodle token)
 * @param rows           rows or changes in the body
 */
public record AnsweredRequest(String requestId, ReportApiMetrics.Endpoint endpoint, String loggedEndpoint,
        int httpStatus, ReportApiMetrics.Outcome outcome, String errorCode, ReportApiMetrics.Limit refusedBy,
        Long tokenId, Long companyId, int rows, String clientIp) {
}
