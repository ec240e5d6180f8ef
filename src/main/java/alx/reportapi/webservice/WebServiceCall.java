package alx.reportapi.webservice;

import java.util.Map;

/**
 * One request to {@code server.php} as Moodle's REST server sees it.
 *
 * @param parameters the function's parameters: every request parameter except Moodle's reserved
 *                   ones, the last value of each name winning (PHP keeps the last, and a form
 *                   field over a query parameter of the same name)
 * @param bearer     the value of an {@code Authorization: Bearer} header, or "" (the plugin keys a
 *                   client's sync state by it)
 */
record WebServiceCall(String method, String token, String function, String format, Map<String, String> parameters,
        String bearer, String remoteAddress) {
}
