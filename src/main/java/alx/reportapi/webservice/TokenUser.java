package alx.reportapi.webservice;

/** The Moodle user a web service token authenticates, and the service it was issued for. */
record TokenUser(long userId, String username, long serviceId) {
}
