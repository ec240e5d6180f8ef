package alx.reportapi.webservice;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moodle's {@code address_in_subnet} for the IPv4 forms a token's {@code iprestriction} holds, a
 * comma-separated list of: a full address, a CIDR block {@code 10.1.0.0/16}, a last-octet range
 * {@code 10.1.2.5-40}, or a prefix {@code 10.1.} / {@code 10.1}. Other forms (IPv6) match only
 * the exact address.
 */
final class IpRestriction {

    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})/(\\d{1,2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\.(\\d{1,3})-(\\d{1,3})");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){0,2}\\.?");

    private IpRestriction() {
    }

    /** Whether {@code address} is allowed by {@code restriction}; an empty restriction allows all. */
    static boolean allows(String restriction, String address) {
        if (restriction == null || restriction.isBlank()) {
            return true;
        }
        if (address == null) {
            return false;
        }
        for (String part : restriction.split(",")) {
            if (matches(part.trim(), address.trim())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String rule, String address) {
        if (rule.isEmpty()) {
            return false;
        }
        if (rule.equalsIgnoreCase(address)) {
            return true;
        }
        Matcher cidr = CIDR.matcher(rule);
        if (cidr.matches()) {
            long network = ipv4(cidr.group(1));
            long host = ipv4(address);
            int bits = Integer.parseInt(cidr.group(2));
            if (network < 0 || host < 0 || bits > 32) {
                return false;
            }
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            return (network & mask) == (host & mask);
        }
        Matcher range = RANGE.matcher(rule);
        if (range.matches()) {
            int dot = address.lastIndexOf('.');
            if (dot < 0 || !address.substring(0, dot).equals(range.group(1)) || ipv4(address) < 0) {
                return false;
            }
            int last = Integer.parseInt(address.substring(dot + 1));
            return last >= Integer.parseInt(range.group(2)) && last <= Integer.parseInt(range.group(3));
        }
        if (PREFIX.matcher(rule).matches() && ipv4(address) >= 0) {
            String prefix = rule.endsWith(".") ? rule : rule + ".";
            return address.startsWith(prefix);
        }
        return false;
    }

    /** The address as an unsigned 32-bit number, or -1 when it is not dotted-quad IPv4. */
    private static long ipv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }
}
