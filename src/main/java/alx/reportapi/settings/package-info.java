/**
 * The plugin's settings, kept where Moodle keeps them: rows of {@code config_plugins} with
 * plugin {@code local_alx_report_api}. Each setting has a default, a range and a description
 * ({@link alx.reportapi.settings.PluginSetting}); input is validated before anything is written,
 * and a stored value that fails validation is never trusted: its default is used and a warning
 * is logged. Also writes the run summary the PHP plugin kept there ({@code last_auto_sync},
 * {@code last_sync_stats}).
 * <p>
 * Labels and descriptions live in the resource bundle
 * {@code alx/reportapi/i18n/labels.properties}, keyed {@code name} and {@code name_desc} as in
 * Moodle's language strings.
 * <p>
 * Depends on {@code db}.
 */
package alx.reportapi.settings;
