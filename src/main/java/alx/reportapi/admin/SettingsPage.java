package alx.reportapi.admin;

import alx.reportapi.db.Database;
import alx.reportapi.schedule.SyncTimer;
import alx.reportapi.settings.InvalidSettingException;
import alx.reportapi.settings.SettingValidator;
import alx.reportapi.settings.SettingsStore;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.ValidatorException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings form. Each field is checked by {@link SettingValidator} in Faces'
 * validation phase, so one refused value stops the whole save with a message at that field, and
 * nothing is written; when all pass, they are stored together.
 */
@Named
@ViewScoped
public class SettingsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The attribute on each input naming its setting. */
    static final String SETTING_ATTRIBUTE = "setting";

    @Inject
    transient Database database;

    @Inject
    transient SyncTimer timer;

    @Inject
    transient AdminAudit audit;

    private List<SettingInput> settings;

    @PostConstruct
    void load() {
        try {
            settings = new ArrayList<>(new SettingsStore(database).describe().stream().map(SettingInput::new)
                    .toList());
        } catch (SQLException e) {
            throw new IllegalStateException("The settings could not be read: " + e.getMessage(), e);
        }
    }

    public List<SettingInput> getSettings() {
        return settings;
    }

    /** Faces validator of every field: the same rules as the API and the stored rows. */
    public void validate(FacesContext context, UIComponent input, Object value) {
        String name = String.valueOf(input.getAttributes().get(SETTING_ATTRIBUTE));
        try {
            SettingValidator.validate(name, value == null ? null : value.toString());
        } catch (InvalidSettingException e) {
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }

    public void save() throws SQLException {
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> before = new LinkedHashMap<>();
        for (SettingInput setting : settings) {
            typed.put(setting.getName(), setting.getValue());
            before.put(setting.getName(), setting.getStoredValue());
        }
        Map<String, String> stored;
        try {
            stored = new SettingsStore(database).saveAll(typed);
        } catch (InvalidSettingException e) {
            // The validators passed every field; this is a value changed between the two checks.
            Messages.error(e.getMessage());
            return;
        }
        String changes = stored.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .map(e -> e.getKey() + " " + before.get(e.getKey()) + " -> " + e.getValue())
                .collect(Collectors.joining(", "));
        timer.reschedule();
        if (changes.isEmpty()) {
            Messages.info("Saved; no value changed.");
        } else {
            audit.done("settings_saved", "settings", changes);
            Messages.info("Saved: " + changes + ".");
        }
        load();
    }
}
