package io.modelfleet.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * README's "Configuration" table and how it must match the declared keys. Rows for {@code quarkus.*} keys are
 * Quarkus' own (it owns their defaults) and are not compared; every other row names exactly one key in
 * backticks, and its default cell starts with the default in backticks, or with "–" when the key has none
 * (words after it may say what happens then, or what the dev and test profiles set).
 */
final class ConfigurationTable {

    static final String NO_DEFAULT = "–";
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    /** One row: the key cell as written, the default cell, and the README line it is on. */
    record Row(String keyCell, String defaultCell, int line) {
    }

    private ConfigurationTable() {
    }

    static List<Row> read(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme, e);
        }
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
            } else if (inSection && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                rows.add(new Row(cells[1].trim(), cells.length > 2 ? cells[2].trim() : "", i + 1));
            }
        }
        return rows;
    }

    /** Every way the table and the declared keys disagree, one sentence each; empty when they match. */
    static List<String> discrepancies(List<Row> rows, List<DeclaredKey> declared) {
        List<String> found = new ArrayList<>();
        Map<String, DeclaredKey> byName = new TreeMap<>();
        for (DeclaredKey key : declared) {
            DeclaredKey other = byName.putIfAbsent(key.name(), key);
            if (other != null && !other.defaultValue().equals(key.defaultValue())) {
                found.add(key.name() + " is declared by " + other.declaredBy() + " with default "
                        + shown(other.defaultValue()) + " and by " + key.declaredBy() + " with "
                        + shown(key.defaultValue()));
            }
        }
        Map<String, Row> documented = new LinkedHashMap<>();
        for (Row row : rows) {
            List<String> codes = codes(row.keyCell());
            if (!codes.isEmpty() && codes.get(0).startsWith("quarkus.")) {
                continue;
            }
            if (codes.size() != 1 || !row.keyCell().equals("`" + codes.get(0) + "`")) {
                found.add("README line " + row.line() + ": one key per row, in backticks, was " + row.keyCell());
                continue;
            }
            Row earlier = documented.putIfAbsent(codes.get(0), row);
            if (earlier != null) {
                found.add("README lists " + codes.get(0) + " twice (lines " + earlier.line() + " and " + row.line()
                        + ")");
            }
        }
        documented.forEach((name, row) -> {
            DeclaredKey key = byName.get(name);
            if (key == null) {
                found.add("README line " + row.line() + " lists " + name
                        + ", which no @ConfigMapping or config source factory declares");
                return;
            }
            Optional<Optional<String>> written = defaultWritten(row.defaultCell());
            if (written.isEmpty()) {
                found.add("README line " + row.line() + ": the default of " + name + " must start with "
                        + shown(key.defaultValue()) + ", was: " + row.defaultCell());
            } else if (!written.get().equals(key.defaultValue())) {
                found.add(name + ": README's default is " + shown(written.get()) + ", " + key.declaredBy()
                        + "'s is " + shown(key.defaultValue()));
            }
        });
        byName.values().stream().filter(key -> !documented.containsKey(key.name()))
                .map(key -> key.name() + " (" + key.declaredBy() + ") is missing from README's Configuration table")
                .forEach(found::add);
        return found;
    }

    /** The default a cell states: empty for "–", the first code span when it opens the cell, else unreadable. */
    private static Optional<Optional<String>> defaultWritten(String cell) {
        if (cell.startsWith(NO_DEFAULT)) {
            return Optional.of(Optional.empty());
        }
        Matcher code = CODE.matcher(cell);
        if (code.lookingAt()) {
            return Optional.of(Optional.of(code.group(1)));
        }
        return Optional.empty();
    }

    private static List<String> codes(String cell) {
        Matcher code = CODE.matcher(cell);
        List<String> codes = new ArrayList<>();
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }

    private static String shown(Optional<String> value) {
        return value.map(v -> "`" + v + "`").orElse(NO_DEFAULT);
    }

    static String lines(List<String> sentences) {
        return sentences.stream().collect(Collectors.joining("\n  ", "\n  ", "\n"));
    }
}
