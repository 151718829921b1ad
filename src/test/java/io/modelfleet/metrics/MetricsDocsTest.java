package io.modelfleet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The "Metrics" table of docs/operations.md lists exactly the exported families, with their types and labels. */
class MetricsDocsTest {

    @Test
    void theOperationsTableListsEveryFamilyWithItsTypeAndLabels() throws Exception {
        String doc = Files.readString(Path.of("docs/operations.md"));
        int start = doc.indexOf("\n## Metrics\n");
        assertTrue(start >= 0, "docs/operations.md has a Metrics section");
        int end = doc.indexOf("\n## ", start + 1);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        Map<String, MetricNames.Family> documented = new TreeMap<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `modelfleet_")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String name = cells[1].trim().replace("`", "");
            List<String> labels = new ArrayList<>();
            for (String label : cells[3].split(",")) {
                String l = label.trim().replace("`", "");
                if (!l.isEmpty() && !l.equals("–")) {
                    labels.add(l);
                }
            }
            documented.put(name, new MetricNames.Family(cells[2].trim(), labels));
            assertTrue(cells.length > 4 && !cells[4].isBlank(), name + " says what it means");
        }
        assertEquals(MetricNames.ALL, documented);
    }
}
