package alx.reportapi.settings;

/** The type of a setting: how its text in {@code config_plugins} maps to a Java value. */
public enum SettingKind {

    /** A whole number within the setting's range, stored as plain digits. */
    INTEGER(Integer.class),
    /** On or off, stored as "1" or "0" like Moodle's admin checkboxes. */
    BOOLEAN(Boolean.class),
    /** Minute and hour of the sync timer, stored as "minute hour" (see {@link SyncSchedule}). */
    SCHEDULE(SyncSchedule.class);

    private final Class<?> javaType;

    SettingKind(Class<?> javaType) {
        this.javaType = javaType;
    }

    public Class<?> javaType() {
        return javaType;
    }

    /** The text stored in {@code config_plugins} for a value that has passed validation. */
    public String format(Object value) {
        Object typed = javaType.cast(value);
        if (typed instanceof Boolean on) {
            return on ? "1" : "0";
        }
        return typed.toString();
    }
}
