package io.modelfleet.catalog;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.catalog.importer.ProfilesLoader;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hardware profile's peak throughput per precision and memory bandwidth (design 007, the roofline's inputs):
 * written by the plain-SQL PUT or the Hibernate import, read by the plain-SQL GET or the Hibernate list, every
 * path answers the same figures; a peak for a precision the profile does not run, or a figure that is not a
 * positive finite number within bounds, is a 400 naming the field.
 */
@QuarkusTest
class HardwarePeaksTest {

    private static final String BASE = "/api/v1/hardware-profiles/";

    @Inject
    ProfilesLoader loader;

    @Test
    void peaksPutThroughPlainSqlReadTheSameThroughTheSingleGetAndTheHibernateList() {
        String name = unique("peaks-t4");
        Map<String, Object> body = t4WithPeaks(Map.of("FP32", 8.1, "FP16", 65, "INT8", 130), 320);
        Map<String, Object> written = operator().body(body).put(BASE + name).then().statusCode(201)
                .body("peakTeraOps.FP32", equalTo(8.1f)).body("peakTeraOps.FP16", equalTo(65.0f))
                .body("peakTeraOps.INT8", equalTo(130.0f)).body("memoryBandwidthGBps", equalTo(320.0f))
                .extract().jsonPath().getMap("");
        Map<String, Object> read = viewer().get(BASE + name).then().statusCode(200)
                .body("peakTeraOps.keySet()", contains("FP32", "FP16", "INT8"))
                .extract().jsonPath().getMap("");
        assertEquals(written, read);
        assertEquals(read, listed(name), "the Hibernate list answers what the plain-SQL GET answers");

        // The same figures written as 65.0 instead of 65 mean the same profile: nothing changes.
        operator().body(t4WithPeaks(Map.of("FP32", 8.1, "FP16", 65.0, "INT8", 130.0), 320.0)).put(BASE + name)
                .then().statusCode(200).body("revision", equalTo(0));

        Map<String, Object> changed = operator().header("If-Match", "\"0\"")
                .body(t4WithPeaks(Map.of("FP16", 64.8), 300)).put(BASE + name).then().statusCode(200)
                .body("revision", equalTo(1)).body("peakTeraOps.keySet()", contains("FP16"))
                .body("peakTeraOps.FP16", equalTo(64.8f)).body("memoryBandwidthGBps", equalTo(300.0f))
                .extract().jsonPath().getMap("");
        assertEquals(changed, viewer().get(BASE + name).then().statusCode(200).extract().jsonPath().getMap(""));
        assertEquals(changed, listed(name));

        operator().header("If-Match", "\"1\"").body(Fixtures.t4Profile()).put(BASE + name).then().statusCode(200)
                .body("revision", equalTo(2)).body("peakTeraOps", anEmptyMap())
                .body("memoryBandwidthGBps", nullValue());
        viewer().get(BASE + name).then().statusCode(200).body("peakTeraOps", anEmptyMap())
                .body("memoryBandwidthGBps", nullValue());
    }

    @Test
    void peaksImportedThroughHibernateReadTheSameThroughThePlainSqlGet() {
        String name = unique("peaks-import");
        Map<String, Object> hardware = new LinkedHashMap<>(Fixtures.cpuProfile(0.17));
        hardware.put("name", name);
        hardware.put("peakTeraOps", Map.of("FP32", 0.3072, "INT8", 1.2288));
        hardware.put("memoryBandwidthGBps", 25.6);
        operator().body(Map.of("hardwareProfiles", List.of(hardware))).post("/api/v1/import").then()
                .statusCode(200);
        Map<String, Object> read = viewer().get(BASE + name).then().statusCode(200)
                .body("peakTeraOps.FP32", equalTo(0.3072f)).body("peakTeraOps.INT8", equalTo(1.2288f))
                .body("memoryBandwidthGBps", equalTo(25.6f)).extract().jsonPath().getMap("");
        assertEquals(read, listed(name));
        // The plain-SQL PUT of the same figures reads back what the import stored: no change, no new revision.
        Map<String, Object> again = new HashMap<>(hardware);
        again.remove("name");
        operator().body(again).put(BASE + name).then().statusCode(200).body("revision", equalTo(0));
    }

    @Test
    void aPeakForAPrecisionTheProfileDoesNotRunNamesThatKey() {
        operator().body(t4WithPeaks(Map.of("FP16", 65, "BF16", 65), null)).put(BASE + unique("peaks-bad")).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("peakTeraOps.BF16"))
                .body("errors[0].message", equalTo("is not a precision this profile runs natively; it runs FP32,"
                        + " FP16, INT8"));
    }

    @Test
    void zeroNegativeAndOutOfBoundFiguresAreEachNamed() {
        operator().body(t4WithPeaks(Map.of("FP32", 0, "FP16", -65, "INT8", 2e6), -320))
                .put(BASE + unique("peaks-bad")).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("peakTeraOps.FP32", "peakTeraOps.FP16", "peakTeraOps.INT8",
                        "memoryBandwidthGBps"))
                .body("errors.message", contains("must be greater than 0, was 0", "must be greater than 0, was -65",
                        "must be at most 1000000, was 2000000", "must be greater than 0, was -320"));
        operator().body(t4WithPeaks(Map.of("FP16", 65), 2e6)).put(BASE + unique("peaks-bad")).then()
                .statusCode(400).body("errors.field", contains("memoryBandwidthGBps"))
                .body("errors[0].message", equalTo("must be at most 1000000, was 2000000"));
    }

    @Test
    void aMissingValueAndAValueThatIsNotANumberAreNamed() {
        Map<String, Object> peaks = new HashMap<>();
        peaks.put("FP16", null);
        operator().body(t4WithPeaks(peaks, null)).put(BASE + unique("peaks-bad")).then().statusCode(400)
                .body("errors.field", contains("peakTeraOps.FP16")).body("errors[0].message", equalTo("is required"));
        operator().body(t4WithPeaks(Map.of("FP16", "fast"), null)).put(BASE + unique("peaks-bad")).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("peakTeraOps.FP16"))
                .body("errors[0].message", equalTo("expected a number"));
    }

    @Test
    void aKeyThatIsNoPrecisionAtAllIsRefusedWithTheAllowedValues() {
        operator().body(t4WithPeaks(Map.of("FP8", 130), null)).put(BASE + unique("peaks-bad")).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("peakTeraOps"))
                .body("errors[0].message", equalTo("unknown value 'FP8'; expected one of FP32, BF16, FP16, INT8"));
    }

    @Test
    void theShippedProfilesCarryTheSourcedPeaksPerNodeAndLeaveOutWhatIsUnconfirmed() throws Throwable {
        loader.load(Path.of("profiles"));
        viewer().get(BASE + "g4dn.xlarge").then().statusCode(200)
                .body("peakTeraOps", equalTo(Map.of("FP32", 8.1f, "FP16", 65.0f, "INT8", 130.0f)))
                .body("memoryBandwidthGBps", equalTo(320.0f));
        // Per-GPU and per-chip figures times the accelerators of the node.
        viewer().get(BASE + "g4dn.12xlarge").then().statusCode(200)
                .body("peakTeraOps", equalTo(Map.of("FP32", 32.4f, "FP16", 260.0f, "INT8", 520.0f)))
                .body("memoryBandwidthGBps", equalTo(1280.0f));
        viewer().get(BASE + "inf1.6xlarge").then().statusCode(200)
                .body("peakTeraOps", equalTo(Map.of("FP16", 256.0f, "BF16", 256.0f)))
                .body("memoryBandwidthGBps", equalTo(214.7f));
        viewer().get(BASE + "g6.xlarge").then().statusCode(200).body("peakTeraOps.INT8", equalTo(242.5f));
        viewer().get(BASE + "c7i.xlarge").then().statusCode(200)
                .body("peakTeraOps", equalTo(Map.of("FP32", 0.4096f, "BF16", 6.5536f, "INT8", 13.1072f)));
        // The A10G's rates are unconfirmed and an FPGA's depend on its loaded design: no peaks, so no estimates.
        viewer().get(BASE + "g5.xlarge").then().statusCode(200).body("peakTeraOps", anEmptyMap())
                .body("memoryBandwidthGBps", equalTo(600.0f));
        viewer().get(BASE + "f2.6xlarge").then().statusCode(200).body("peakTeraOps", anEmptyMap())
                .body("memoryBandwidthGBps", nullValue());
    }

    private static Map<String, Object> t4WithPeaks(Map<String, ?> peaks, Number bandwidth) {
        Map<String, Object> body = new HashMap<>(Fixtures.t4Profile());
        body.put("peakTeraOps", peaks);
        if (bandwidth != null) {
            body.put("memoryBandwidthGBps", bandwidth);
        }
        return body;
    }

    /** The profile as the Hibernate list path answers it. */
    private static Map<String, Object> listed(String name) {
        List<Map<String, Object>> items = viewer().queryParam("size", 500).get(BASE).then().statusCode(200).extract()
                .jsonPath().getList("items");
        return items.stream().filter(p -> name.equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the first 500 profiles"));
    }
}
