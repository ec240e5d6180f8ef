/**
 * Backing beans of the pages (Jakarta Faces, {@code webapp/} and {@code webapp/admin/}): the
 * company overview, and the admin page's login, status view (lock, progress, run log, companies,
 * audit trail), settings form and lock-release confirmation, with the actions an admin takes:
 * run now, stop, retry a company, release a stuck lock, save settings; and the report API section:
 * a company's report settings and its tokens (issue, list, revoke). Every action is a POST and is
 * recorded in the audit trail. The status view's charts (runs of the week, companies' lag) are
 * drawn in the browser from the data its bean renders. Expired forms and protected views opened
 * without their token get a page, not the server's error page, and a refused form answers 400.
 * <p>
 * Thin: the rules live in {@code schedule} (run now, stop, free the lock), {@code reporting}
 * (retry, run log, audit trail, company status) and {@code settings} (validation); login is
 * {@code security}'s.
 * <p>
 * Depends on {@code db}, {@code lock}, {@code report}, {@code reporting}, {@code schedule}, {@code security},
 * {@code settings} and {@code sync}.
 */
package alx.reportapi.admin;
