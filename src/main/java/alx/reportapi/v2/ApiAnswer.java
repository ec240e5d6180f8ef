package alx.reportapi.v2;

import alx.reportapi.report.RequestQuota;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the report API answers one request with.
 *
 * @param body      the body as the client receives it, UTF-8, complete before the answer is made;
 *                  kept in the buffer it was written to, because a page of the largest size is
 *                  megabytes and a copy of it would be one more such allocation per request
 * @param rows      rows or changes in the body, for the request log
 * @param errorCode the problem's error code, null on success
 * @param refusedBy the quota that refused the request, null unless the status is 429
 */
public record ApiAnswer(int status, String contentType, ByteArrayOutputStream body, Map<String, String> headers,
        int rows, String errorCode, RequestQuota.Scope refusedBy, Long tokenId, Long companyId) {

    /** The body's length in bytes. */
    public int length() {
        return body.size();
    }

    /** Writes the body to {@code out} from its buffer. */
    public void writeBody(OutputStream out) throws IOException {
        body.writeTo(out);
    }

    /** The body as text. */
    public String text() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
