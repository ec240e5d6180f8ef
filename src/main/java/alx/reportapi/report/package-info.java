/**
 * What the report API serves, whichever door a client comes through: a company's reporting rows as
 * clients read them ({@link alx.reportapi.report.ProgressRow}, {@link alx.reportapi.report.ReportField})
 * in keyset pages ({@link alx.reportapi.report.ProgressPages}), the per-company report settings
 * that shape them (field and course toggles, rate limit, sync mode;
 * {@link alx.reportapi.report.CompanyReportSettingsStore}), the request quotas counted atomically
 * before the work ({@link alx.reportapi.report.RequestQuota}), and the report API's own tables as
 * JPA entities persisted with EclipseLink ({@link alx.reportapi.report.ReportPersistence}): its
 * tokens and its request log. What every request does with them runs by JDBC instead: a token is
 * checked on the request's own session, and log entries are written many to a statement. The key
 * that signs cursors lives in {@code config_plugins}.
 * <p>
 * Depends on {@code db}.
 */
package alx.reportapi.report;
