package alx.reportapi.admin;

import alx.reportapi.settings.SettingKind;
import alx.reportapi.settings.SettingView;

import java.io.Serializable;

/** One field of the settings form: the setting as stored, and what the admin typed for it. */
public class SettingInput implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String label;
    private final String description;
    private final String range;
    private final String storedValue;
    private final String problem;
    private final boolean onOff;
    private String value;

    SettingInput(SettingView view) {
        this.name = view.name();
        this.label = view.label();
        this.description = view.description();
        this.range = range(view);
        this.storedValue = view.value();
        this.problem = view.problem();
        this.onOff = view.kind() == SettingKind.BOOLEAN;
        this.value = view.value();
    }

    private static String range(SettingView view) {
        if (view.min() != null && view.max() != null) {
            return "From " + view.min() + " to " + view.max() + "; default " + view.defaultValue() + ".";
        }
        if (view.kind() == SettingKind.BOOLEAN) {
            return "Yes or no; default " + ("1".equals(view.defaultValue()) ? "yes" : "no") + ".";
        }
        return "Default '" + view.defaultValue() + "'.";
    }

    public String getName() {
        return name;
    }

    public String getLabel() {
        return label;
    }

    public String getDescription() {
        return description;
    }

    public String getRange() {
        return range;
    }

    public String getStoredValue() {
        return storedValue;
    }

    /** Why the stored row was refused and the default is in force; empty normally. */
    public String getProblem() {
        return problem == null ? "" : problem;
    }

    public boolean isOnOff() {
        return onOff;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
