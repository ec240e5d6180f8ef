package alx.reportapi.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginSettingTest {

    private final SettingLabels labels = new SettingLabels();

    @Test
    void theDefaultsAreTheSpecs() {
        SyncSettings defaults = SyncSettings.defaults();
        assertEquals(300, defaults.maxSyncTimeSeconds());
        assertEquals(1000, defaults.batchSize());
        assertTrue(defaults.syncEnabled());
        assertEquals(new SyncSchedule("0", "*"), defaults.schedule());
        assertEquals(30, defaults.runLogRetentionDays());
    }

    @ParameterizedTest
    @EnumSource(PluginSetting.class)
    void everyDefaultPassesItsOwnValidationAndIsStoredAsWritten(PluginSetting setting) {
        Object value = SettingValidator.validate(setting, setting.defaultText());
        assertTrue(setting.kind().javaType().isInstance(value));
        assertEquals(setting.defaultText(), setting.kind().format(value));
    }

    @ParameterizedTest
    @EnumSource(PluginSetting.class)
    void everySettingHasALabelAndADescriptionNamingItsRangeAndDefault(PluginSetting setting) {
        assertFalse(labels.label(setting).isBlank());
        String description = labels.description(setting);
        assertTrue(description.contains("Default: "), description);
        switch (setting.kind()) {
            case INTEGER -> {
                assertTrue(description.contains(setting.min().orElseThrow() + " to " + setting.max().orElseThrow()),
                        description);
                assertTrue(description.endsWith("Default: " + setting.defaultText() + "."), description);
            }
            case BOOLEAN -> assertTrue(description.contains("(" + setting.defaultText() + ")."), description);
            case SCHEDULE -> {
                assertTrue(description.contains("minute 0 to 59, hour 0 to 23"), description);
                assertTrue(description.contains("Default: \"" + setting.defaultText() + "\""), description);
            }
        }
    }

    @Test
    void theLabelOfMaxSyncTimeIsMoodles() {
        assertEquals("Maximum sync duration (seconds)", labels.label(PluginSetting.MAX_SYNC_TIME));
    }

    @Test
    void namesAreUniqueAndFitConfigPlugins() {
        Set<String> names = Arrays.stream(PluginSetting.values()).map(PluginSetting::settingName)
                .collect(Collectors.toSet());
        assertEquals(PluginSetting.values().length, names.size());
        names.forEach(n -> assertTrue(n.matches("[a-z_]{1,100}"), n));
    }

    @Test
    void onlyWholeNumbersHaveARange() {
        for (PluginSetting setting : PluginSetting.values()) {
            boolean integer = setting.kind() == SettingKind.INTEGER;
            assertEquals(integer, setting.min().isPresent(), setting.settingName());
            assertEquals(integer, setting.max().isPresent(), setting.settingName());
        }
    }

    @Test
    void aChangedCopyIsValidatedAndLeavesTheOriginalAlone() {
        SyncSettings defaults = SyncSettings.defaults();
        SyncSettings small = defaults.with(PluginSetting.BATCH_SIZE, "100");
        assertEquals(100, small.batchSize());
        assertEquals(1000, defaults.batchSize());
        assertEquals("100", small.text(PluginSetting.BATCH_SIZE));
        assertThrows(InvalidSettingException.class, () -> defaults.with(PluginSetting.BATCH_SIZE, "99"));
    }

    @Test
    void onOffIsStoredAsMoodleCheckboxesStoreIt() {
        assertEquals("1", SettingKind.BOOLEAN.format(true));
        assertEquals("0", SettingKind.BOOLEAN.format(false));
    }
}
