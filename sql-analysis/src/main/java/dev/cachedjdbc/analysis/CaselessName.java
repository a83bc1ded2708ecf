package dev.cachedjdbc.analysis;

import java.util.Locale;

/**
 * A name with case taken out, for comparing names that a database may fold in any of several ways: H2 upper-cases
 * unquoted names with full Unicode rules ({@code ß} becomes {@code SS}), PostgreSQL lower-cases only ASCII letters,
 * H2 with DATABASE_TO_UPPER=FALSE and case-sensitive MySQL keep them as written. A name, its upper-case and its
 * lower-case form all have the same caseless form, so a key built on it never splits one table, whatever the
 * database did; it may merge a few distinct ones ({@code "Orders"} and {@code orders}), which only costs a miss.
 *
 * <p>Each character is mapped on its own, without context, to the fixed point of upper-casing then lower-casing
 * it ({@code ẞ} to {@code ß} to {@code ss}, {@code ς} to {@code σ}, the Kelvin sign to {@code k}), so the form of a
 * prefix is a prefix of the form, and applying it twice changes nothing.
 */
final class CaselessName {

    private CaselessName() {
    }

    /** The caseless form of {@code name}; the name itself when it is plain lower-case ASCII. */
    static String of(String name) {
        int length = name.length();
        int plain = 0;
        while (plain < length && isPlainLowerCase(name.charAt(plain))) {
            plain++;
        }
        if (plain == length) {
            return name;
        }
        StringBuilder caseless = new StringBuilder(length).append(name, 0, plain);
        int i = plain;
        while (i < length) {
            int codePoint = name.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint < 0x80) {
                caseless.append((char) (codePoint >= 'A' && codePoint <= 'Z' ? codePoint + ('a' - 'A') : codePoint));
            } else {
                caseless.append(withoutCase(codePoint));
            }
        }
        return caseless.toString();
    }

    private static boolean isPlainLowerCase(char c) {
        return c < 0x80 && !(c >= 'A' && c <= 'Z');
    }

    private static String withoutCase(int codePoint) {
        String form = new String(Character.toChars(codePoint));
        for (int round = 0; round < 4; round++) {
            String next = form.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            if (next.equals(form)) {
                break;
            }
            form = next;
        }
        return form;
    }
}
