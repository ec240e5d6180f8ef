package alx.reportapi.observe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alerting rules shipped in {@code docs/monitoring/} are valid Prometheus rules, and each
 * alert fires on the history its test case describes and stays quiet on the other, as promtool
 * (Debian package {@code prometheus}) judges them. Without promtool this fails: it never skips.
 */
class PrometheusRulesTest {

    private static final Path RULES = Path.of("docs/monitoring/alx-sync-alerts.yml");
    private static final Path RULE_TESTS = Path.of("docs/monitoring/alx-sync-alerts.test.yml");
    private static final Path PROMTOOL = Path.of(System.getProperty("promtool", "/usr/bin/promtool"));

    @Test
    void theRulesAreValid() throws Exception {
        String output = promtool("check", "rules", RULES.getFileName().toString());
        assertTrue(output.contains("SUCCESS: 8 rules found"), output);
    }

    @Test
    void eachAlertFiresOnTheHistoryOfItsCaseAndOnlyThen() throws Exception {
        String output = promtool("test", "rules", RULE_TESTS.getFileName().toString());
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void everyAlertHasACaseThatFiresIt() throws IOException {
        String rules = Files.readString(RULES, StandardCharsets.UTF_8);
        String cases = Files.readString(RULE_TESTS, StandardCharsets.UTF_8);
        for (String alert : rules.lines().map(String::strip).filter(line -> line.startsWith("- alert: "))
                .map(line -> line.substring("- alert: ".length())).toList()) {
            assertTrue(cases.contains("alertname: " + alert + "\n        exp_alerts:\n          - exp_labels"),
                    alert + " has no case in which it fires");
        }
    }

    /** Runs promtool in the rules' directory, bounded to a minute; its output, once it succeeded. */
    private static String promtool(String... arguments) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(PROMTOOL), "promtool is missing at " + PROMTOOL
                + ": install it (apt-get install -y prometheus), as .ci/run does");
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(RULES.getParent().toFile()).redirectErrorStream(true)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", arguments) + " did not finish in 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
