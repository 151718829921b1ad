package io.modelfleet.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crash matrix's analysis invariant can fail: a lost or repeated measurement, or no pass, is reported. */
class AnalysisInvariantTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode view(List<Integer> seqs, String decision) {
        ObjectNode step = JSON.createObjectNode().put("action", "UPSERT").put("deployment", "d1");
        ObjectNode analysis = step.putObject("analysis").put("decision", decision);
        ArrayNode measurements = analysis.putArray("measurements");
        seqs.forEach(seq -> measurements.addObject().put("seq", seq));
        ObjectNode view = JSON.createObjectNode();
        ObjectNode cluster = view.putArray("clusters").addObject().put("cluster", "a-canary");
        cluster.putArray("steps").add(step).addObject().put("action", "RETIRE");
        return view;
    }

    @Test
    void everyMeasurementOnceAndAPassIsRight() {
        assertNull(CellRunner.analysisProblem(view(List.of(1, 1, 1, 2, 2, 2), "PASS: 2 of 2 measurements passed")));
    }

    @Test
    void aLostARepeatedMeasurementOrNoPassIsNamed() {
        assertEquals("a-canary/d1 measurements [1, 1, 1, 2, 2] decision PASS: x",
                CellRunner.analysisProblem(view(List.of(1, 1, 1, 2, 2), "PASS: x")));
        assertEquals("a-canary/d1 measurements [1, 1, 1, 2, 2, 2, 3, 3, 3] decision PASS: x",
                CellRunner.analysisProblem(view(List.of(1, 1, 1, 2, 2, 2, 3, 3, 3), "PASS: x")));
        assertEquals("a-canary/d1 measurements [1, 1, 1, 2, 2, 2] decision PAUSE: none passed",
                CellRunner.analysisProblem(view(List.of(1, 1, 1, 2, 2, 2), "PAUSE: none passed")));
    }
}
