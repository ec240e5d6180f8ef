package alx.reportapi.v2;

import java.util.Map;

/**
 * What the report API answers one request with.
 *
 * @param rows      rows or changes in the body, for the request log
 * @param errorCode the problem's error code, null on success
 */
public record ApiAnswer(int status, String contentType, String body, Map<String, String> headers, int rows,
        String errorCode, Long tokenId, Long companyId) {
}
