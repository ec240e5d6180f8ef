package alx.reportapi.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingValidatorTest {

    static Stream<PluginSetting> wholeNumberSettings() {
        return Arrays.stream(PluginSetting.values()).filter(s -> s.kind() == SettingKind.INTEGER);
    }

    /** Every whole-number setting crossed with every kind of bad input and the words that must explain it. */
    static Stream<Arguments> badWholeNumbers() {
        String enormous = "9".repeat(SettingValidator.MAX_INPUT_CHARS + 1);
        Object[][] cases = {
                {"abc", "is not a whole number"},
                {"12abc", "is not a whole number"},
                {"1.5", "is not a whole number"},
                {"1e3", "is not a whole number"},
                {"0x10", "is not a whole number"},
                {"-1", "is negative"},
                {"-99999999999999999999", "is negative"},
                {"99999999999999999999", "is above the maximum"},
                {"", "is empty"},
                {"   ", "is empty"},
                {null, "no value was given"},
                {enormous, "characters long; at most 100 are accepted"},
        };
        return wholeNumberSettings().flatMap(setting -> Arrays.stream(cases)
                .map(c -> Arguments.of(setting, c[0], c[1])));
    }

    @ParameterizedTest(name = "{0} refuses \"{1}\"")
    @MethodSource("badWholeNumbers")
    void refusesBadWholeNumbersWithAMessageNamingSettingRangeAndProblem(PluginSetting setting, String raw,
                                                                        String problem) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> SettingValidator.validate(setting.settingName(), raw));
        assertEquals(setting.settingName(), e.settingName());
        assertTrue(e.getMessage().startsWith("Setting " + setting.settingName() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("from " + setting.min().orElseThrow() + " to " + setting.max().orElseThrow()),
                e.getMessage());
        assertTrue(e.getMessage().contains("(default " + setting.defaultText() + ")"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was changed."), e.getMessage());
    }

    static Stream<Arguments> boundaries() {
        return wholeNumberSettings().flatMap(s -> {
            long min = s.min().orElseThrow();
            long max = s.max().orElseThrow();
            return Stream.of(
                    Arguments.of(s, min, true), Arguments.of(s, max, true),
                    Arguments.of(s, min - 1, false), Arguments.of(s, max + 1, false));
        });
    }

    @ParameterizedTest(name = "{0} = {1} accepted: {2}")
    @MethodSource("boundaries")
    void acceptsTheRangeInclusiveAndNothingOutside(PluginSetting setting, long value, boolean accepted) {
        if (accepted) {
            assertEquals((int) value, SettingValidator.validate(setting, Long.toString(value)));
        } else {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> SettingValidator.validate(setting, Long.toString(value)));
            // Below a minimum of 0 is a negative number, which gets its own words.
            String expected = value < 0 ? "is negative"
                    : value < setting.min().orElseThrow() ? "is below the minimum " + setting.min().get()
                    : "is above the maximum " + setting.max().get();
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void theSpecRangesAreTheOnesEnforced() {
        assertEquals(60, SettingValidator.validate("max_sync_time", "60"));
        assertEquals(3600, SettingValidator.validate("max_sync_time", "3600"));
        assertThrows(InvalidSettingException.class, () -> SettingValidator.validate("max_sync_time", "59"));
        assertThrows(InvalidSettingException.class, () -> SettingValidator.validate("max_sync_time", "3601"));
        assertEquals(100, SettingValidator.validate("batch_size", "100"));
        assertEquals(10000, SettingValidator.validate("batch_size", "10000"));
        assertThrows(InvalidSettingException.class, () -> SettingValidator.validate("batch_size", "99"));
        assertThrows(InvalidSettingException.class, () -> SettingValidator.validate("batch_size", "10001"));
        assertEquals(1, SettingValidator.validate("run_log_retention_days", "1"));
        assertEquals(3650, SettingValidator.validate("run_log_retention_days", "3650"));
        assertThrows(InvalidSettingException.class, () -> SettingValidator.validate("run_log_retention_days", "0"));
        assertThrows(InvalidSettingException.class, () -> SettingValidator.validate("run_log_retention_days", "3651"));
    }

    @Test
    void surroundingWhitespaceAndAPlusSignAreTolerated() {
        assertEquals(500, SettingValidator.validate("batch_size", " 500\n"));
        assertEquals(500, SettingValidator.validate("batch_size", "+500"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "TRUE", "yes", "Yes", " 1 "})
    void acceptsOnSpelledAnyOfTheUsualWays(String raw) {
        assertEquals(Boolean.TRUE, SettingValidator.validate("sync_enabled", raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "False", "no", "NO"})
    void acceptsOffSpelledAnyOfTheUsualWays(String raw) {
        assertEquals(Boolean.FALSE, SettingValidator.validate("sync_enabled", raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "-1", "on", "off", "maybe", "99999999999999999999", "y", "1.0"})
    void refusesAnythingElseForOnOff(String raw) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> SettingValidator.validate("sync_enabled", raw));
        assertTrue(e.getMessage().contains("sync_enabled"), e.getMessage());
        assertTrue(e.getMessage().contains("is not on or off"), e.getMessage());
        assertTrue(e.getMessage().contains("Enter 1 or 0"), e.getMessage());
    }

    @Test
    void refusesEmptyNullAndEnormousForOnOffAndSchedule() {
        for (String name : new String[] {"sync_enabled", "sync_schedule"}) {
            assertTrue(assertThrows(InvalidSettingException.class, () -> SettingValidator.validate(name, null))
                    .getMessage().contains("no value was given"));
            assertTrue(assertThrows(InvalidSettingException.class, () -> SettingValidator.validate(name, ""))
                    .getMessage().contains("is empty"));
            assertTrue(assertThrows(InvalidSettingException.class,
                    () -> SettingValidator.validate(name, "1".repeat(101))).getMessage().contains("characters long"));
        }
    }

    @Test
    void refusesAScheduleThatIsNotOne() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> SettingValidator.validate("sync_schedule", "60 *"));
        assertTrue(e.getMessage().startsWith("Setting sync_schedule: '60 *' is not a valid schedule: "), e.getMessage());
        assertTrue(e.getMessage().contains("minute 0-59 and hour 0-23"), e.getMessage());
        assertTrue(e.getMessage().contains("(default '0 *')"), e.getMessage());
    }

    @Test
    void refusesAnUnknownSettingListingTheKnownOnes() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> SettingValidator.validate("max_sync_tme", "300"));
        assertEquals("Unknown setting 'max_sync_tme'. Known settings: max_sync_time, batch_size, sync_enabled,"
                + " sync_schedule, run_log_retention_days, change_overlap_seconds, verify_window_hours, max_records,"
                + " rate_limit, allow_get_method, token_rate_limit_per_minute, log_retention_days. Nothing was"
                + " changed.", e.getMessage());
    }

    @Test
    void refusesAMissingSettingName() {
        for (String name : new String[] {null, "", "  "}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> SettingValidator.validate(name, "300"));
            assertTrue(e.getMessage().startsWith("No setting name was given. Known settings: max_sync_time"),
                    e.getMessage());
        }
    }

    @Test
    void neverEchoesMoreThanAShortCleanExcerptOfTheInput() {
        String enormousName = "x".repeat(10_000);
        InvalidSettingException unknown = assertThrows(InvalidSettingException.class,
                () -> SettingValidator.validate(enormousName, "1"));
        // The message lists the known settings; the input's excerpt in it stays short.
        String known = String.join(", ", Arrays.stream(PluginSetting.values()).map(PluginSetting::settingName).toList());
        assertTrue(unknown.getMessage().length() < 200 + known.length(), unknown.getMessage());

        InvalidSettingException forged = assertThrows(InvalidSettingException.class,
                () -> SettingValidator.validate("batch_size", "5\nSEVERE: forged log line"));
        assertFalse(forged.getMessage().contains("\n"), forged.getMessage());
        assertTrue(forged.getMessage().contains("'5?SEVERE: forged log line' is not a whole number"),
                forged.getMessage());
    }
}
