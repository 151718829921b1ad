package io.modelfleet.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.cloud.aws.FakeArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real answers of every operation conform to the OpenAPI document the application serves at /q/openapi: a scripted
 * session ({@link ConformanceSession}) calls each operation with a success case and representative errors, and
 * every answer is checked for a documented status, content type and schema. Fails when an operation of the
 * document has no success case, so a new endpoint needs a conformance step. docs/api.md says how to add one.
 */
@QuarkusTest
class OpenApiConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    FakeArtifactStore artifacts;

    @Inject
    Pool pool;

    @Test
    void everyOperationIsExercisedAndEveryAnswerConformsToTheDocument() throws Exception {
        String served = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        // Kept for reading when a violation needs explaining: the document exactly as this run checked it.
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi-conformance.json"), served);
        OpenApiDocument document = new OpenApiDocument(JSON.readTree(served));
        ConformanceRecorder recorder = new ConformanceRecorder(document);

        new ConformanceSession(recorder, artifacts, pool).run();

        List<String> problems = new ArrayList<>(recorder.failures());
        recorder.withoutSuccessCase().forEach(o -> problems.add(o + ": no conformance step answered it with a 2xx"
                + (recorder.called().contains(o) ? "" : " (never called; add a step to ConformanceSession)")));
        System.out.printf("openapi conformance: %d operations, %d requests, %d violations, %d deferred%n",
                document.operations().size(), recorder.exchanges(), problems.size(), recorder.deferred().size());
        recorder.deferred().forEach(d -> System.out.println("openapi conformance: deferred: " + d));
        recorder.declaredButNeverSent().forEach(p -> System.out.println("openapi conformance: declared, never sent: "
                + p));
        if (!problems.isEmpty()) {
            fail(problems.size() + " violation(s) of the OpenAPI document:\n  " + String.join("\n  ", problems));
        }
    }
}
