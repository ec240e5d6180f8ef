/**
 * The database the product stands on: which one it is (SPEC 8 settings), the connection pool,
 * the table prefix, versioned migrations of the plugin tables, and the start-up checks that
 * refuse a database the product cannot safely use.
 * <p>
 * Depends on nothing else in {@code alx.reportapi}; every other package reaches the database
 * through {@link alx.reportapi.db.AlxDatabase}.
 */
package alx.reportapi.db;
