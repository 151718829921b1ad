package io.modelfleet.fuzz;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A fingerprint of every application table: row count and a hash over the hashes of all rows, by plain SQL on
 * the test datasource. Excluded, because they legitimately change on a refused request: Flyway's history, any
 * audit table, and token last-used columns.
 */
final class TableDump {

    private final DataSource dataSource;
    private final String sql;

    TableDump(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = buildQuery();
    }

    /** table -> "rows:hash". */
    Map<String, String> take() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            Map<String, String> out = new LinkedHashMap<>();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2) + ":" + rs.getString(3));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot dump the tables", e);
        }
    }

    private String buildQuery() {
        Map<String, List<String>> columns = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                        + " WHERE table_schema = 'public' ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                String table = rs.getString(1);
                String column = rs.getString(2);
                if (table.startsWith("flyway_") || table.startsWith("audit") || column.contains("last_used")) {
                    continue;
                }
                columns.computeIfAbsent(table, t -> new ArrayList<>()).add('"' + column + '"');
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the tables", e);
        }
        List<String> parts = new ArrayList<>();
        columns.forEach((table, cols) -> {
            String row = "md5(ROW(" + String.join(", ", cols) + ")::text)";
            parts.add("SELECT '" + table + "', count(*), coalesce(md5(string_agg(" + row + ", ',' ORDER BY " + row
                    + ")), '-') FROM \"" + table + "\"");
        });
        return String.join(" UNION ALL ", parts);
    }
}
