package dev.cachedjdbc.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The invalidation key must not split one table: whichever way a database folds an unquoted name (to upper case
 * with full Unicode rules as H2 does, to lower case, ASCII letters only as PostgreSQL does, or not at all as H2 with
 * DATABASE_TO_UPPER=FALSE does), the folded name and every spelling of it have one key.
 */
class InvalidationKeyTest {

    private static String key(String name) {
        return TableName.of(name).key().name();
    }

    @Test
    void everyCharacterHasTheKeyOfItsUpperAndLowerCaseForms() {
        List<String> splits = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.getType(codePoint) == Character.SURROGATE || Character.getType(codePoint) == Character.UNASSIGNED) {
                continue;
            }
            String character = new String(Character.toChars(codePoint));
            String key = key(character);
            for (String form : List.of(character.toUpperCase(Locale.ROOT), character.toLowerCase(Locale.ROOT),
                    character.toUpperCase(Locale.ENGLISH), key)) {
                if (!key(form).equals(key)) {
                    splits.add(String.format("U+%04X: %s has key %s, its form %s has key %s", codePoint, character, key,
                            form, key(form)));
                }
            }
        }
        assertThat(splits).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"straße", "STRASSE", "ſchiff", "ıi", "İstanbul", "ΣΟΦΟΣ", "σοφος", "\u212Aelvin",
            "\u1E9Eaal", "ǅemal", "Äpfel", "ﬁle", "mixed_Case_ASCII"})
    void aNameHasOneKeyWhicheverWayADatabaseFoldsIt(String name) {
        String key = key(name);
        assertThat(key(name.toUpperCase(Locale.ROOT))).isEqualTo(key);
        assertThat(key(name.toLowerCase(Locale.ROOT))).isEqualTo(key);
        assertThat(key(Dialect.POSTGRESQL.foldUnquoted(name))).isEqualTo(key);
        assertThat(key(Dialect.H2.foldUnquoted(name))).isEqualTo(key);
        assertThat(key(Dialect.GENERIC.foldUnquoted(name))).isEqualTo(key);
        assertThat(key(key)).isEqualTo(key);
    }

    @Test
    void aLowerCaseAsciiNameIsItsOwnKey() {
        String name = "order_items";
        assertThat(key(name)).isSameAs(name);
        assertThat(key("Order_Items")).isEqualTo(name);
    }
}
