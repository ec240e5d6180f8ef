package alx.reportapi;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every package of the application says in its {@code package-info.java} which of the
 * application's packages it depends on ("Depends on {@code db} and {@code lock}." or "Depends on
 * nothing else in the application."), and the compiled classes depend on exactly those: no more,
 * so the rule holds, and no fewer, so the sentence stays true. Packages form no cycle. A constant
 * the compiler copies into a class is not a dependency of it.
 */
class PackageDependenciesTest {

    private static final String ROOT = "alx.reportapi";
    private static final Path SOURCES = Path.of("src/main/java/alx/reportapi");
    private static final Pattern RULE = Pattern.compile("Depends on (.*?)\\.\\s*(\\*/|\\n\\s*\\*\\s*\\n|$)",
            Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("\\{@code ([a-z.]+)}");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void everyPackageDependsOnExactlyThePackagesItsPackageInfoNames() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String pkg : packages()) {
            Set<String> stated = stated(pkg);
            Set<String> actual = actualDependencies(pkg);
            if (!stated.equals(actual)) {
                wrong.add(pkg + ": package-info says " + stated + ", the classes use " + actual);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    private static List<String> packages() throws IOException {
        try (Stream<Path> children = Files.list(SOURCES)) {
            List<String> packages = children.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .sorted().toList();
            assertTrue(packages.size() > 5, "found the source packages under " + SOURCES.toAbsolutePath());
            return packages;
        }
    }

    /** The packages the package-info's "Depends on" sentence names, relative to the root. */
    private static Set<String> stated(String pkg) throws IOException {
        Path info = SOURCES.resolve(pkg).resolve("package-info.java");
        assertTrue(Files.isRegularFile(info), pkg + " has no package-info.java");
        String text = Files.readString(info, StandardCharsets.UTF_8);
        Matcher rule = RULE.matcher(text);
        assertTrue(rule.find(), pkg + "'s package-info says nothing of what it depends on");
        String sentence = rule.group(1);
        Set<String> names = new TreeSet<>();
        if (sentence.startsWith("nothing else in the application")) {
            return names;
        }
        Matcher name = NAME.matcher(sentence);
        while (name.find()) {
            names.add(name.group(1).startsWith(ROOT + ".") ? name.group(1).substring(ROOT.length() + 1)
                    : name.group(1));
        }
        assertTrue(!names.isEmpty(), pkg + "'s dependency sentence names no package: " + sentence);
        return names;
    }

    /** The application's packages (top level under the root) that the package's classes use. */
    private static Set<String> actualDependencies(String pkg) {
        String prefix = ROOT + "." + pkg;
        return CLASSES.stream().filter(javaClass -> javaClass.getPackageName().equals(prefix)
                        || javaClass.getPackageName().startsWith(prefix + "."))
                .flatMap(javaClass -> javaClass.getDirectDependenciesFromSelf().stream())
                .map(dependency -> dependency.getTargetClass().getPackageName())
                .filter(target -> target.startsWith(ROOT + "."))
                .map(target -> target.substring(ROOT.length() + 1).split("\\.")[0])
                .filter(target -> !target.equals(pkg))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
