package io.modelfleet.benchmarks.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A comma-separated file read the way perf_analyzer and Model Analyzer write it: the first non-blank line is the
 * header, every other non-blank line a row with as many fields. Fields may be quoted (Model Analyzer quotes values
 * holding commas, such as an instance group "1:GPU, 1:CPU"), with "" for a quote inside. Columns are looked up by
 * header name, case-insensitively, because both tools add or drop columns depending on their flags.
 */
final class CsvTable {

    record Row(int line, List<String> fields) {
    }

    private final int headerLine;
    private final List<String> names;
    private final Map<String, Integer> columnByName;
    private final List<Row> rows;

    private CsvTable(int headerLine, List<String> names, Map<String, Integer> columnByName, List<Row> rows) {
        this.headerLine = headerLine;
        this.names = names;
        this.columnByName = columnByName;
        this.rows = rows;
    }

    static CsvTable read(List<TextLines.Line> lines) {
        List<TextLines.Line> content = TextLines.nonBlank(lines);
        if (content.isEmpty()) {
            throw Location.line(1).error("the file is empty");
        }
        TextLines.Line header = content.get(0);
        List<String> names = split(header, List.of());
        Map<String, Integer> columnByName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String key = key(names.get(i));
            if (key.isEmpty()) {
                throw Location.cell(header.number(), i + 1, null).error("the header has an empty column name");
            }
            Integer earlier = columnByName.putIfAbsent(key, i);
            if (earlier != null) {
                throw Location.cell(header.number(), i + 1, names.get(i))
                        .error("the header names this column twice (also column " + (earlier + 1) + ")");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (TextLines.Line line : content.subList(1, content.size())) {
            List<String> fields = split(line, names);
            if (fields.size() != names.size()) {
                throw Location.line(line.number()).error("the row has " + fields.size()
                        + " fields but the header on line " + header.number() + " has " + names.size());
            }
            rows.add(new Row(line.number(), fields));
        }
        return new CsvTable(header.number(), List.copyOf(names), columnByName, List.copyOf(rows));
    }

    int headerLine() {
        return headerLine;
    }

    List<Row> rows() {
        return rows;
    }

    /** The 0-based index of the named column, if the header has it. */
    OptionalInt find(String name) {
        Integer index = columnByName.get(key(name));
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /** The 0-based index of a column the format cannot do without: its absence is an error at the header line. */
    int require(String name, String tool) {
        OptionalInt index = find(name);
        if (index.isEmpty()) {
            throw Location.named(headerLine, name).error("the header has no '" + name + "' column, which every "
                    + tool + " file has; columns found: " + String.join(", ", names));
        }
        return index.getAsInt();
    }

    /** The exact header text of a column, as the file spells it. */
    String name(int column) {
        return names.get(column);
    }

    /** Where one cell is, for errors: 1-based column and the header name. */
    Location cell(Row row, int column) {
        return Location.cell(row.line(), column + 1, names.get(column));
    }

    String value(Row row, int column) {
        return row.fields().get(column);
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** Splits one line; unquoted fields are trimmed, quoted ones kept as written. */
    private static List<String> split(TextLines.Line line, List<String> headerNames) {
        String text = line.text();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && !wasQuoted && field.toString().isBlank()) {
                inQuotes = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw where(line, fields.size(), headerNames).error("text follows the closing quote of this field");
            } else if (!wasQuoted) {
                field.append(c);
            }
        }
        if (inQuotes) {
            throw where(line, fields.size(), headerNames).error("the quote opened in this field is not closed");
        }
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        return fields;
    }

    private static Location where(TextLines.Line line, int column, List<String> headerNames) {
        return Location.cell(line.number(), column + 1, column < headerNames.size() ? headerNames.get(column) : null);
    }
}
