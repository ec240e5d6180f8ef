package alx.reportapi.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** The clock budgets are counted on; one place to replace it. */
@ApplicationScoped
public class Clocks {

    @Produces
    public Clock systemClock() {
        return Clock.systemUTC();
    }
}
