package alx.reportapi.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL written with Moodle's own notation for table names: {@code {user}} becomes {@code mdl_user}.
 * Only validated prefixes and literal table names reach the text, so nothing user-supplied does.
 */
public final class Sql {

    private static final Pattern TABLE_TOKEN = Pattern.compile("\\{([a-z_]+)}");

    /**
     * The sync expands the same few dozen templates thousands of times a run, each a regex pass.
     * Bounded: templates built with values in
     * them (a list of ids) stop being remembered once the cache is full.
     */
    private static final int MAX_CACHED = 512;
    private static final Map<Expansion, String> CACHE = new ConcurrentHashMap<>();

    private Sql() {
    }

    public static String expand(TablePrefix prefix, String template) {
        Expansion key = new Expansion(prefix, template);
        String cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        String expanded = expandNow(prefix, template);
        if (CACHE.size() < MAX_CACHED) {
            CACHE.putIfAbsent(key, expanded);
        }
        return expanded;
    }

    private static String expandNow(TablePrefix prefix, String template) {
        Matcher matcher = TABLE_TOKEN.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(prefix.table(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private record Expansion(TablePrefix prefix, String template) {
    }
}
