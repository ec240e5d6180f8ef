package alx.reportapi.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Roots the operations API at {@code /api}; resources and providers are discovered by CDI. */
@ApplicationPath("api")
public class OperationsApplication extends Application {
}
