/**
 * The database the product stands on: which one it is (the {@code ALX_DB_*} settings), the
 * connection pool, the table prefix, versioned migrations of the plugin tables, the start-up checks
 * that refuse a database the product cannot safely use, and how code uses it: a {@link
 * alx.reportapi.db.Session} (every statement a template, bounded by a timeout), a {@link
 * alx.reportapi.db.Transaction} (committed or rolled back, the connection handed back as it
 * came), the bound on every network wait ({@link alx.reportapi.db.NetworkBound}), and the one rule
 * for failures worth retrying ({@link alx.reportapi.db.SqlFailures},
 * {@link alx.reportapi.db.Retry}).
 * <p>
 * Depends on nothing else in the application.
 */
package alx.reportapi.db;
