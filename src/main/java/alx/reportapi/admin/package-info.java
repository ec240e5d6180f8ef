/**
 * Backing beans of the admin pages (Jakarta Faces, {@code webapp/admin}): what the operator sees
 * and the actions they take. Thin: they call the read models and services of the other packages.
 */
package alx.reportapi.admin;
