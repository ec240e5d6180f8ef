/**
 * What the report API serves, whichever door a client comes through: a company's reporting rows as
 * clients read them ({@link alx.reportapi.report.ProgressRow}, {@link alx.reportapi.report.ReportField}),
 * the per-company report settings that shape them (field and course toggles, rate limit, sync
 * mode; {@link alx.reportapi.report.CompanyReportSettingsStore}), and the request quotas counted
 * atomically before the work ({@link alx.reportapi.report.RequestQuota}).
 * <p>
 * Depends on {@code db}.
 */
package alx.reportapi.report;
