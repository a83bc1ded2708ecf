package dev.cachedjdbc.schema;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The identifiers a view definition mentions, for databases whose catalog does not say which relations a view
 * uses. It is a token scan, not a parse: every quoted identifier and bare word counts (columns, aliases, functions,
 * keywords), string literals do not. Matched against the known relation names it can only find too many
 * dependencies, which costs needless invalidations but never misses a relation the view reads by name.
 */
public final class ViewDefinitionIdentifiers {

    private ViewDefinitionIdentifiers() {
    }

    /** Every identifier in the text, as an invalidation key (lower case). */
    public static Set<String> in(String definition) {
        Set<String> identifiers = new HashSet<>();
        int length = definition.length();
        int at = 0;
        while (at < length) {
            char c = definition.charAt(at);
            if (c == '\'') {
                at = endOfQuoted(definition, at, '\'', null);
            } else if (c == '"') {
                StringBuilder name = new StringBuilder();
                at = endOfQuoted(definition, at, '"', name);
                identifiers.add(CatalogFacts.caseless(name.toString()));
            } else if (Character.isLetter(c) || c == '_') {
                int start = at;
                while (at < length && isWordPart(definition.charAt(at))) {
                    at++;
                }
                identifiers.add(definition.substring(start, at).toLowerCase(Locale.ROOT));
            } else {
                at++;
            }
        }
        return identifiers;
    }

    /** Skips a quoted token whose quote character is escaped by doubling; collects its content when asked. */
    private static int endOfQuoted(String text, int opening, char quote, StringBuilder content) {
        int at = opening + 1;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == quote) {
                if (at + 1 < text.length() && text.charAt(at + 1) == quote) {
                    if (content != null) {
                        content.append(quote);
                    }
                    at += 2;
                    continue;
                }
                return at + 1;
            }
            if (content != null) {
                content.append(c);
            }
            at++;
        }
        return at;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
