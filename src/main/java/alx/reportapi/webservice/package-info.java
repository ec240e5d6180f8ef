/**
 * The compatible report endpoint: {@code webservice/rest/server.php} answering the PHP plugin's one
 * web service function, {@code local_alx_report_api_get_course_progress}, as plugin 1.9.0 on
 * Moodle's REST server answers it (README, Behavior 18): Moodle's own tokens, the same parameters,
 * keys, formats and HTTP-200 errors, so an existing Power BI report only changes its host.
 * <p>
 * Depends on {@code db}, {@code observe}, {@code report} and {@code settings}.
 */
package alx.reportapi.webservice;
