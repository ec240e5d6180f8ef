package alx.reportapi.v2;

import alx.reportapi.report.RequestQuota;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the report API answers one request with.
 *
 * @param body      the body as the client receives it, UTF-8
 * @param rows      rows or changes in the body, for the request log
 * @param errorCode the problem's error code, null on success
 * @param refusedBy the quota that refused the request, null unless the status is 429
 */
public record ApiAnswer(int status, String contentType, byte[] body, Map<String, String> headers, int rows,
        String errorCode, RequestQuota.Scope refusedBy, Long tokenId, Long companyId) {

    /** The body as text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
