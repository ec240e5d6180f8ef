package alx.reportapi.settings;

/**
 * Input that a setting does not accept. The message names the setting, says what was wrong and
 * what is allowed, and is safe to show to the admin: it never echoes more than a short, cleaned
 * excerpt of the input.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String settingName;
    private final String problem;

    public InvalidSettingException(String settingName, String problem, String message) {
        super(message);
        this.settingName = settingName;
        this.problem = problem;
    }

    /** The setting the input was meant for, as given (may be unknown or null). */
    public String settingName() {
        return settingName;
    }

    /** Only what was wrong, e.g. "'5' is below the minimum 60", for messages that add their own context. */
    public String problem() {
        return problem;
    }
}
