package alx.reportapi.sync;

/**
 * How many of a company's members a pass verifies (README, Behavior 16): as many as the time
 * since its verification was last paid for earns, so that the members are gone through once per
 * window however often runs come. A run seconds after another verifies nobody; the fraction it
 * did not earn stays owed, because only the time of the members verified is paid.
 *
 * @param windowSeconds {@code verify_window_hours}, in seconds
 */
record VerificationPace(long windowSeconds) {

    VerificationPace {
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("the verification window must be positive: " + windowSeconds);
        }
    }

    /**
     * The slice a pass starting {@code now} owes.
     *
     * @param members   the company's members now
     * @param paidUntil the time up to which its verification is paid; 0 when it never was
     */
    Slice slice(long members, long paidUntil, long now) {
        if (members <= 0 || paidUntil <= 0) {
            return new Slice(0, now);
        }
        long elapsed = Math.max(0, now - paidUntil);
        if (elapsed >= windowSeconds) {
            return new Slice(members, now);
        }
        // members * elapsed stays far below Long.MAX_VALUE: elapsed < window <= 168 hours.
        long users = members * elapsed / windowSeconds;
        return new Slice(users, paidUntil + users * windowSeconds / members);
    }

    /**
     * @param users     members to verify, in user id order after the company's place
     * @param paidUntil the time its verification is paid up to once they are verified
     */
    record Slice(long users, long paidUntil) {
    }
}
