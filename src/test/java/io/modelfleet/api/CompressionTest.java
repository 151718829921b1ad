package io.modelfleet.api;

import static io.modelfleet.testing.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.testing.Api;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * JSON answers are gzipped for a client that asks (a plan body of a large fleet is megabytes), byte for byte the
 * same document; a client that does not ask gets it plain, and an event stream is never compressed (events would
 * wait in the compressor's buffer).
 */
@QuarkusTest
class CompressionTest {

    /** RestAssured decodes gzip by itself; without decoders the raw bytes on the wire are seen. */
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Test
    void jsonIsGzippedWhenAskedAndTheSameDocumentOnceInflated() throws IOException {
        for (int i = 0; i < 10; i++) {
            Api.operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + Api.unique("gz-list"))
                    .then().statusCode(201);
        }
        String plain = viewer().header("Accept-Encoding", "identity").get("/api/v1/hardware-profiles?size=500")
                .then().statusCode(200).extract().asString();
        Response gzipped = viewer().config(RAW).header("Accept-Encoding", "gzip")
                .get("/api/v1/hardware-profiles?size=500");
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.header("Content-Encoding"));
        byte[] wire = gzipped.asByteArray();
        String inflated = new String(new GZIPInputStream(new ByteArrayInputStream(wire)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals(plain, inflated);
        assertTrue(wire.length < plain.length(), wire.length + " bytes gzipped vs " + plain.length() + " plain");
    }

    @Test
    void withoutAcceptEncodingTheAnswerIsPlain() {
        Response r = viewer().config(RAW).header("Accept-Encoding", "identity").get("/api/v1/hardware-profiles");
        assertEquals(200, r.statusCode());
        assertNull(r.header("Content-Encoding"));
    }

    @Test
    void anEventStreamIsNotCompressed() {
        String t4 = Api.unique("gz-t4");
        String model = Api.unique("gz-m");
        String cluster = Api.unique("gz-c");
        String deployment = Api.unique("gz-d");
        Api.operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        Api.operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Api.operator().body(Fixtures.variant("INT8", t4)).post("/api/v1/models/" + model + "/variants").then()
                .statusCode(201);
        Api.admin().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + cluster).then().statusCode(201);
        Api.operator().body(Fixtures.deployment(model, cluster, 100)).put("/api/v1/deployments/" + deployment).then()
                .statusCode(201);
        String plan = Api.operator().body(Map.of("deployments", List.of(deployment))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");
        // A finished plan's stream sends its done event at once and ends.
        Response r = given().config(RAW).auth().oauth2(Api.token(Api.As.VIEWER)).accept("text/event-stream")
                .header("Accept-Encoding", "gzip").get("/api/v1/plans/" + plan + "/events");
        assertEquals(200, r.statusCode());
        assertNull(r.header("Content-Encoding"));
        assertTrue(r.asString().contains("event:done") || r.asString().contains("event: done"), r.asString());
    }
}
