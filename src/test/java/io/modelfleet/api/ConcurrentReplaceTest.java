package io.modelfleet.api;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Two clients read revision 0 and both replace with If-Match "0", released at the same instant: exactly one
 * wins with 200, the other gets 412, and the stored price is the winner's — no write is silently lost.
 */
@QuarkusTest
class ConcurrentReplaceTest {

    @RepeatedTest(5)
    void twoConcurrentReplacesYieldOneSuccessAndOne412() {
        String name = unique("race");
        operator().body(Fixtures.cpuProfile(0.10)).put("/api/v1/hardware-profiles/" + name).then().statusCode(201);
        CountDownLatch start = new CountDownLatch(1);
        List<Double> prices = List.of(0.20, 0.30);
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 2).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            await(start);
            return operator().body(Fixtures.cpuProfile(prices.get(i))).header("If-Match", "\"0\"")
                    .put("/api/v1/hardware-profiles/" + name).statusCode();
        })).toList();
        start.countDown();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();

        assertEquals(List.of(200, 412), statuses.stream().sorted().toList());
        double winner = prices.get(statuses.indexOf(200));
        Map<String, Object> stored = viewer().get("/api/v1/hardware-profiles/" + name).then().extract().jsonPath()
                .getMap("offerings[0]");
        assertEquals(winner, ((Number) stored.get("hourlyPriceUsd")).doubleValue(), 1e-6);
        assertEquals(1, (Integer) viewer().get("/api/v1/hardware-profiles/" + name).then().extract().path("revision"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
