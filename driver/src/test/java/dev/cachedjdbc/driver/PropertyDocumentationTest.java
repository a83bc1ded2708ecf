package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the property table in {@code README.md} identical to {@link CacheProperty}, so the documentation
 * cannot drift from the code. Run with {@code -Dcachedjdbc.writePropertyDocs=true} to rewrite the table from the
 * enum after changing a property.
 */
class PropertyDocumentationTest {

    private static final String DOCUMENT = "README.md";
    private static final String REWRITE_SWITCH = "cachedjdbc.writePropertyDocs";

    @Test
    void theDocumentedTableIsTheTableOfTheEnum() throws IOException {
        Path document = findDocument();
        List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
        List<String> expected = PropertyTable.render();
        if (Boolean.getBoolean(REWRITE_SWITCH)) {
            lines = PropertyTable.replaceIn(lines, expected);
            Files.write(document, lines, StandardCharsets.UTF_8);
        }

        assertThat(PropertyTable.findIn(lines))
                .as("the property table in %s; to rewrite it from CacheProperty run this test with -D%s=true",
                        document, REWRITE_SWITCH)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void theTableHasARowForEveryPropertyWithItsDefaultAndAcceptedValues() {
        List<String> table = PropertyTable.render();

        assertThat(table).hasSize(2 + CacheProperty.values().length);
        for (CacheProperty property : CacheProperty.values()) {
            assertThat(table.get(2 + property.ordinal()))
                    .startsWith("| `" + property.propertyName() + "` |")
                    .contains(PropertyTable.escape(property.description()))
                    .contains(PropertyTable.escape(property.acceptedValues()));
        }
    }

    @Test
    void cellsCannotBreakTheTable() {
        assertThat(PropertyTable.escape("a | b\nc")).isEqualTo("a \\| b c");
    }

    @Test
    void theTableIsFoundAmongOtherTextAndReplacedInPlace() {
        List<String> document = List.of("# Title", "", "| old |", "|---|", "| row |", "", "After.");

        List<String> replaced = PropertyTable.replaceIn(document, List.of("| new |", "|---|"));

        assertThat(replaced).containsExactly("# Title", "", "| new |", "|---|", "", "After.");
        assertThat(PropertyTable.findIn(replaced)).containsExactly("| new |", "|---|");
    }

    /** The working directory is the module's when Maven runs the test, the root's in some IDEs. */
    private static Path findDocument() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve(DOCUMENT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new AssertionError(DOCUMENT + " is missing from the project root");
    }

    /** The Markdown table of the properties, and where it sits in a document. */
    static final class PropertyTable {

        private PropertyTable() {
        }

        static List<String> render() {
            List<String> table = new ArrayList<>();
            table.add("| Property | Default | Meaning | Accepted values |");
            table.add("|---|---|---|---|");
            for (CacheProperty property : CacheProperty.values()) {
                String defaultValue = property.defaultValue().isEmpty() ? "*(empty)*" : code(property.defaultValue());
                table.add("| " + code(property.propertyName()) + " | " + defaultValue + " | "
                        + escape(property.description()) + " | " + escape(property.acceptedValues()) + " |");
            }
            return table;
        }

        /** The first run of lines that start with a pipe. */
        static List<String> findIn(List<String> document) {
            int start = tableStart(document);
            return start < 0 ? List.of() : document.subList(start, tableEnd(document, start));
        }

        /** The document with its first table replaced, or with the table appended when it has none. */
        static List<String> replaceIn(List<String> document, List<String> table) {
            int start = tableStart(document);
            List<String> replaced = new ArrayList<>();
            if (start < 0) {
                replaced.addAll(document);
                if (!document.isEmpty() && !document.get(document.size() - 1).isBlank()) {
                    replaced.add("");
                }
                replaced.addAll(table);
                return replaced;
            }
            replaced.addAll(document.subList(0, start));
            replaced.addAll(table);
            replaced.addAll(document.subList(tableEnd(document, start), document.size()));
            return replaced;
        }

        static String escape(String text) {
            return text.replace("|", "\\|").replace('\n', ' ');
        }

        private static String code(String text) {
            return "`" + text + "`";
        }

        private static int tableStart(List<String> document) {
            for (int i = 0; i < document.size(); i++) {
                if (document.get(i).startsWith("|")) {
                    return i;
                }
            }
            return -1;
        }

        private static int tableEnd(List<String> document, int start) {
            int end = start;
            while (end < document.size() && document.get(end).startsWith("|")) {
                end++;
            }
            return end;
        }
    }
}
