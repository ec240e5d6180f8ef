/**
 * The product's root: the names every package shares ({@link alx.reportapi.Plugin}) and the log
 * lines that must outlive a server's shutdown ({@link alx.reportapi.ShutdownTrace}). Each
 * subpackage's {@code package-info.java} says what lives there and which of the application's
 * packages it may depend on; {@code PackageDependenciesTest} keeps those sentences true.
 * <p>
 * Depends on nothing else in the application.
 */
package alx.reportapi;
