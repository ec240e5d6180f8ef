package alx.reportapi.webservice;

/**
 * Strings as PHP's {@code json_encode} writes them with its default flags: slashes escaped, every
 * character outside ASCII as {@code \\uXXXX} (UTF-16 units, lower-case hex), control characters
 * as their short escape or {@code \\u00XX}. Existing clients compare and parse these bytes.
 */
final class PhpJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PhpJson() {
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        String text = value == null ? "" : value;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x80) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
