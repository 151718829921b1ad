package io.modelfleet.cli.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table as kubectl prints one: a header row, columns padded to their widest cell and separated by
 * three spaces, no borders, no trailing blanks. Columns whose header starts with {@code >} are right-aligned
 * (numbers); the marker is not printed.
 */
public final class Table {

    private static final String GAP = "   ";

    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = new String[headers.length];
        this.right = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].startsWith(">");
            this.headers[i] = right[i] ? headers[i].substring(1) : headers[i];
        }
    }

    public Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row of " + cells.length + " cells in a table of " + headers.length
                    + " columns");
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toArray(String[]::new));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table's lines, each ending in a newline. */
    public String render() {
        return render("");
    }

    /** The table with every line indented by {@code indent}. */
    public String render(String indent) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = width(headers[i]);
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, indent, headers, widths);
        for (String[] row : rows) {
            line(out, indent, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String indent, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(widths[i] - width(cells[i]));
            line.append(right[i] ? pad + cells[i] : cells[i] + pad);
            if (i < cells.length - 1) {
                line.append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Code points, so a check mark counts as one column. */
    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
