package dev.cachedjdbc.examples.demo;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: the first column left-aligned, the others right-aligned, a rule under the header. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    String render(String indent) {
        int columns = rows.stream().mapToInt(cells -> cells.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] cells : rows) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r);
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                String cell = i < cells.length ? cells[i] : "";
                String padding = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? cell + padding : "   " + padding + cell);
            }
            text.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int width = line.length() - indent.length();
                text.append(indent).append("-".repeat(width)).append('\n');
            }
        }
        return text.toString();
    }
}
