package alx.reportapi.settings;

/**
 * Input quoted back in messages and logs: cut short and stripped of control characters, so that
 * a pasted megabyte or a forged log line never travels further than the check that rejects it.
 */
final class UntrustedText {

    static final int SHOWN_CHARS = 40;

    private UntrustedText() {
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
        StringBuilder clean = new StringBuilder(shown.length() + 2).append('\'');
        shown.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.append('\'').toString();
    }
}
