package alx.reportapi.v2;

import alx.reportapi.report.RequestQuota;

import java.util.Map;

/**
 * What the report API answers one request with.
 *
 * @param rows      rows or changes in the body, for the request log
 * @param errorCode the problem's error code, null on success
 * @param refusedBy the quota that refused the request, null unless the status is 429
 */
public record ApiAnswer(int status, String contentType, String body, Map<String, String> headers, int rows,
        String errorCode, RequestQuota.Scope refusedBy, Long tokenId, Long companyId) {
}
