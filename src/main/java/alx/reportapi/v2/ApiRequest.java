package alx.reportapi.v2;

import java.util.List;
import java.util.Map;

/**
 * One request to the report API.
 *
 * @param resource   the path under {@code api/v2/reports/}, e.g. {@code course-progress/changes}
 * @param parameters the query parameters, every value of each
 */
public record ApiRequest(String method, String resource, Map<String, List<String>> parameters, String authorization,
        String clientIp) {
}
