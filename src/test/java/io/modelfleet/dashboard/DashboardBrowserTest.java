package io.modelfleet.dashboard;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.token;
import static io.modelfleet.testing.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.cli.render.Money;
import io.modelfleet.rollout.RolloutEngine;
import io.modelfleet.rollout.RolloutViews;
import io.modelfleet.rollout.RolloutViews.RolloutView;
import io.modelfleet.rollout.RolloutViews.StepView;
import io.modelfleet.analysis.domain.Verdict;
import io.modelfleet.testing.Api.As;
import io.modelfleet.testing.OffsetClock;
import io.modelfleet.testing.ScriptedStepAnalysis;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The dashboard in a real headless Chromium against the running application: the demo catalog from profiles/, a
 * fleet and two plans made through the API, and a rollout to GITOPS targets driven transition by transition while
 * the page watches. One browser session for the whole class; the tests run in order and share it.
 */
@QuarkusTest
@TestProfile(DashboardBrowserTest.DemoCatalog.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    /** Numbers as doubles: JsonPath's default reads decimals as floats. */
    private static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    /** Loads profiles/ at start, as a real control plane does; its own application start, so its own database. */
    public static class DemoCatalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A GitOps root of its own: workloads left by earlier runs would show up as retirements.
            try {
                return Map.of("modelfleet.profiles.load-on-start", "true", "modelfleet.profiles.dir", "profiles",
                        "modelfleet.gitops.root", java.nio.file.Files.createTempDirectory(
                                java.nio.file.Path.of("target").toAbsolutePath(), "gitops-dashboard-").toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * Names of this run: the database may hold other test classes' fleets (one embedded PostgreSQL per JVM), so
     * the plans name their deployments and every count is compared with the API's.
     */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String PROD = "prod-" + RUN;
    private static final String EDGE = "edge-" + RUN;
    private static final String RESNET = "resnet-prod-" + RUN;
    private static final String BERT = "bert-search-" + RUN;
    private static final String STRICT = "resnet-strict-" + RUN;
    private static Browser browser;
    private static Seeded seeded;

    record Seeded(String firstPlan, String plan, UUID rollout) {
    }

    @TestHTTPResource("/")
    URL root;

    @Inject
    RolloutEngine engine;

    @Inject
    OffsetClock clock;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void anOperatorPausesAndResumesTheRolloutFromItsPage() {
        UUID id = seeded().rollout();
        signIn(As.OPERATOR);
        open("#/rollouts/" + id);
        waitForText("#rollout-status", "RUNNING");

        click("#pause");
        waitUntil(() -> rollout(id).status().name().equals("PAUSED"));
        waitForText("#rollout-status", "PAUSED");
        assertTrue(present("#resume") && !present("#pause"), "a paused rollout offers resume, not pause");
        browser.screenshot("rollout-paused");

        click("#resume");
        waitUntil(() -> rollout(id).status().name().equals("RUNNING"));
        waitForText("#rollout-status", "RUNNING");
        assertTrue(present("#pause") && present("#abort"));
    }

    @Test
    @Order(2)
    void aViewerSeesTheRolloutButNoActionButtons() {
        UUID id = seeded().rollout();
        signOut();
        signIn(As.VIEWER);
        assertEquals("viewer", text("#who").replaceAll(".*\\((\\w+)\\)$", "$1"));
        open("#/rollouts/" + id);
        waitForText("#rollout-status", "RUNNING");
        assertTrue(browser.driver.findElements(By.cssSelector("#actions button")).isEmpty(),
                "a viewer sees no pause, resume or abort");

        open("#/rollouts");
        // Other tests share the database and step their engines' clocks ahead, so this rollout need not be first.
        assertEquals(1, browser.driver.findElements(By.cssSelector("tr.rollout-row[data-id='" + id + "']")).size(),
                "the list has this rollout's row");
        browser.screenshot("rollouts");
        signOut();
        signIn(As.OPERATOR);
    }

    @Test
    @Order(3)
    void theRolloutPageFollowsEveryTransitionWithoutAReload() {
        UUID id = seeded().rollout();
        open("#/rollouts/" + id);
        waitForText("#rollout-status", "RUNNING");
        browser.driver.executeScript("window.sameDocument = 'yes'");

        // The canary's step is analyzed: three scripted measurements, 30 s apart on the engine's clock.
        // GITOPS targets also check availability (kube-state-metrics), so each measurement has four checks.
        List<ScriptedStepAnalysis.Check> passing = List.of(
                ScriptedStepAnalysis.check("p99", 12.0, Verdict.PASS, "p99 12.0 ms <= 50.0 ms"),
                ScriptedStepAnalysis.check("errorRatio", 0.0, Verdict.PASS, "0.0 <= 0.01"),
                ScriptedStepAnalysis.check("requests", 600.0, Verdict.PASS, "600 >= 50"),
                ScriptedStepAnalysis.check("availability", 2.0, Verdict.PASS, "2 of 2 planned replicas available"));
        // Spare measurements: one taken in a pass whose lease the clock step let lapse is not committed and is
        // taken again.
        ScriptedStepAnalysis script = new ScriptedStepAnalysis(clock);
        for (int i = 0; i < 6; i++) {
            script.then(passing);
        }
        RolloutEngine scripted = engine.withAnalysis(script);
        RolloutView view = rollout(id);
        int shown = 0;
        for (int i = 0; i < 300 && !view.status().terminal(); i++) {
            // Claimed on every pass: a step of the clock past the lease lets it lapse, as a long wait would.
            scripted.claim();
            scripted.drive(id, 1);
            RolloutView now = rollout(id);
            if (now.transitions() != view.transitions()) {
                RolloutView expected = now;
                waitUntil(() -> pageShows(expected));
                shown++;
            } else if (now.equals(view)) {
                clock.step(Duration.ofSeconds(30));
            }
            view = now;
        }
        assertEquals("SUCCEEDED", view.status().name());
        StepView analyzed = view.clusters().stream().filter(c -> c.cluster().equals(EDGE)).findFirst().orElseThrow()
                .steps().get(0);
        assertEquals("PASS", analyzed.analysis().verdict());
        WebElement chart = browser.driver.findElement(By.cssSelector(".cluster[data-cluster='" + EDGE
                + "'] .analysis[data-position='" + analyzed.position() + "']"));
        assertEquals(String.valueOf(analyzed.analysis().measurements().size()), chart.getDomAttribute("data-measurements"));
        assertEquals(List.of(1, 2, 3), analyzed.analysis().measurements().stream()
                .map(RolloutViews.MeasurementView::seq).distinct().toList(), "the deployment's count: 3");
        assertEquals(12, analyzed.analysis().measurements().size(), "3 measurements of 4 checks");
        assertEquals(4, chart.findElements(By.cssSelector(".chart canvas")).size(), "one chart per check");
        assertTrue(shown >= 3, "the page showed " + shown + " transitions one by one");
        waitForText("#live", "ended");
        assertEquals("yes", browser.driver.executeScript("return window.sameDocument"), "the page was not reloaded");
        assertTrue(browser.driver.findElements(By.cssSelector("#actions button")).isEmpty(), "an ended rollout has no"
                + " buttons");
        browser.screenshot("rollout");
    }

    @Test
    @Order(4)
    void theFleetShowsTheLatestPlanWhatRunsAndTheBaselines() {
        JsonPath plan = plan(seeded().plan());
        open("#/fleet");
        double total = plan.getDouble("totalHourlyCostUsd");
        assertEquals("$" + Money.usd(total) + "/h", text("#plan-hourly"));
        assertEquals("$" + Money.perMonth(total) + "/month", text("#plan-monthly"));

        JsonPath running = viewer().get("/api/v1/fleet/running").then().statusCode(200).extract().jsonPath()
                .using(EXACT);
        List<Map<String, Object>> runningPlacements = running.getList("placements");
        assertEquals(plan.getList("placements").size(), runningPlacements.stream()
                .filter(p -> p.get("planId").equals(seeded().plan())).count(),
                "after the rollout every placement of the plan runs");
        assertEquals("$" + Money.usd(running.getDouble("totalHourlyCostUsd")) + "/h", text("#running-hourly"));

        for (String baseline : List.of("fp32Only", "singleHardware")) {
            double cost = plan.getDouble("baselines." + baseline + ".totalHourlyCostUsd");
            assertEquals("$" + Money.usd(cost) + "/h", text("[data-baseline='" + baseline + "'] .saving-value"),
                    baseline);
        }
        assertEquals("$" + Money.usd(total) + "/h", text("[data-baseline='plan'] .saving-value"));
        assertEquals(String.valueOf(total("/api/v1/deployments")), text("#count-deployments"));
        assertEquals(String.valueOf(total("/api/v1/clusters")), text("#count-clusters"));
        assertEquals("1", text("#count-unplaced"));
        assertEquals(String.valueOf(finishedPlans()), browser.driver.findElement(By.id("cost-history"))
                .getDomAttribute("data-points"), "every finished plan");
        assertTrue(finishedPlans() >= 2, "this class's two plans at least");
        browser.screenshot("fleet");

        // An unplaced pair links to its reasons: every option of it, each rejected by a rule.
        click("a.unplaced-link[data-deployment='" + STRICT + "']");
        waitUntil(() -> browser.driver.getCurrentUrl().endsWith("#/matrix?deployment=" + STRICT + "&cluster=" + EDGE));
        List<Map<String, Object>> options = alternatives(STRICT, EDGE);
        waitUntil(() -> rows().size() == options.size());
        assertTrue(rows().stream().allMatch(r -> "REJECTED".equals(r.getDomAttribute("data-outcome"))));
    }

    @Test
    @Order(5)
    void theMatrixHasOneCellPerPairAndACellOpensThatPairsExplanation() {
        JsonPath plan = plan(seeded().plan());
        open("#/matrix");
        List<WebElement> cells = browser.driver.findElements(By.cssSelector("#matrix td.cell"));
        assertEquals(plan.getList("placements").size() + plan.getList("unplaced").size(), cells.size());
        assertEquals(4, cells.size(), "resnet-prod on two clusters, bert-search and resnet-strict on one each");

        Map<String, Object> placement = placement(plan, RESNET, PROD);
        WebElement cell = browser.driver.findElement(By.cssSelector(
                "#matrix td.cell[data-deployment='" + RESNET + "'][data-cluster='" + PROD + "']"));
        assertTrue(cell.getText().contains((String) placement.get("precision")));
        assertTrue(cell.getText().contains((String) placement.get("hardware")));
        cell.click();

        List<Map<String, Object>> options = alternatives(RESNET, PROD);
        waitUntil(() -> rows().size() == options.size());
        List<WebElement> rows = rows();
        assertEquals("CHOSEN", rows.get(0).getDomAttribute("data-outcome"));
        assertEquals("✔", rows.get(0).findElement(By.cssSelector("td.mark")).getText());
        assertEquals(placement.get("hardware"), rows.get(0).findElements(By.tagName("td")).get(2).getText());
        assertEquals("$" + Money.usd(((Number) placement.get("hourlyCostUsd")).doubleValue()) + "/h",
                rows.get(0).findElement(By.cssSelector("td.cost")).getText());
        for (int i = 0; i < options.size(); i++) {
            Map<String, Object> o = options.get(i);
            WebElement row = rows.get(i);
            assertEquals(o.get("outcome"), row.getDomAttribute("data-outcome"), "row " + i);
            assertEquals(o.get("hardware"), row.findElements(By.tagName("td")).get(2).getText(), "row " + i);
            if ("COSTLIER".equals(o.get("outcome"))) {
                assertEquals("+$" + Money.usd(((Number) o.get("extraHourlyCostUsd")).doubleValue()) + "/h",
                        row.findElement(By.cssSelector("td.cost")).getText(), "row " + i);
            } else if ("REJECTED".equals(o.get("outcome"))) {
                assertEquals(o.get("rule"), row.findElements(By.tagName("td")).get(7).getText(), "row " + i);
                assertEquals(o.get("reason"), row.findElement(By.cssSelector("td.reason")).getText(), "row " + i);
            }
        }
        assertTrue(options.stream().anyMatch(o -> "COSTLIER".equals(o.get("outcome")))
                && options.stream().anyMatch(o -> "REJECTED".equals(o.get("outcome"))), "the demo catalog gives both");
        browser.screenshot("matrix");
    }

    @Test
    @Order(6)
    void theNodesPageHasOneBarPerNodeWithTheServersPercentages() {
        JsonPath plan = plan(seeded().plan());
        int planned = plan.getList("nodes.count", Integer.class).stream().mapToInt(Integer::intValue).sum();
        List<Map<String, Object>> nodes = viewer().get("/api/v1/plans/" + seeded().plan() + "/nodes").then()
                .statusCode(200).extract().jsonPath().using(EXACT).getList("nodes");
        assertEquals(planned, nodes.size());
        open("#/nodes");
        assertEquals(planned, browser.driver.findElements(By.cssSelector(".node")).size());
        for (Map<String, Object> n : nodes) {
            WebElement bar = browser.driver.findElement(By.cssSelector(".node[data-cluster='" + n.get("cluster")
                    + "'][data-pool='" + n.get("pool") + "'][data-index='" + n.get("index") + "']"));
            assertEquals("vCPU " + percent(n.get("vcpuPercent")), bar.findElement(By.cssSelector(".use-vcpu")).getText());
            assertEquals("mem " + percent(n.get("memoryPercent")),
                    bar.findElement(By.cssSelector(".use-memory")).getText());
            List<WebElement> accelerator = bar.findElements(By.cssSelector(".use-accelerator"));
            if (n.get("acceleratorPercent") == null) {
                assertTrue(accelerator.isEmpty());
            } else {
                assertEquals("accel " + percent(n.get("acceleratorPercent")), accelerator.get(0).getText());
            }
            List<Map<String, Object>> replicas = (List<Map<String, Object>>) n.get("replicas");
            assertEquals(replicas.size(), bar.findElements(By.cssSelector(".segment")).size());
        }
        browser.screenshot("nodes");
    }

    @Test
    @Order(7)
    void theCatalogListsEveryBenchmarkRowWithItsSource() {
        open("#/catalog");
        for (String model : List.of("resnet50", "bert-base")) {
            List<Map<String, Object>> variants = viewer().get("/api/v1/models/" + model + "/variants?size=500").then()
                    .statusCode(200).extract().jsonPath().using(EXACT).getList("items");
            int rows = 0;
            for (Map<String, Object> v : variants) {
                for (Map<String, Object> b : (List<Map<String, Object>>) v.get("benchmarks")) {
                    WebElement row = browser.driver.findElement(By.cssSelector("section.model[data-model='" + model
                            + "'] tr.benchmark-row[data-variant='" + v.get("id") + "'][data-hardware='"
                            + b.get("hardware") + "'][data-batch='" + b.get("batchSize") + "']"));
                    assertEquals(b.get("source"), row.findElement(By.cssSelector("td.source")).getText());
                    rows++;
                }
            }
            assertTrue(rows > 0);
            assertEquals(rows, browser.driver.findElements(By.cssSelector("section.model[data-model='" + model
                    + "'] tr.benchmark-row")).size(), model + ": one table row per benchmark row");
        }
        browser.screenshot("catalog");
    }

    @Test
    @Order(8)
    void aViewStillLoadingWhenTheUserSignsOutSendsNoMoreRequests() {
        seeded();
        open("#/fleet");
        long plansRequests = plansRequests();
        // What a view still paging through /plans does after sign-out: its next call. CI saw it leave with
        // "Bearer null" and come back 401, a console error and a refused-token message for a user who signed out.
        Object outcome = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/dashboard/api.js').then(api => {
                  api.signOut();
                  return api.get('/plans?page=1&size=500').then(() => 'sent', e => e.name);
                }).then(done, e => done('import failed: ' + e));
                """);
        assertEquals("AbortError", outcome, "a call without a token is abandoned, not sent");
        assertEquals(plansRequests, plansRequests(), "no request left the page after sign-out");
        browser.driver.navigate().refresh();
        signIn(As.OPERATOR);
    }

    private static long plansRequests() {
        return browser.requestedUrls().stream().filter(u -> u.contains("/api/v1/plans")).count();
    }

    @Test
    @Order(9)
    void noConsoleErrorsNoTokenInAnyUrlAndTheHardeningHeadersAreSent() {
        seeded();
        List<LogEntry> severe = browser.console().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertTrue(severe.isEmpty(), "console errors: " + severe);

        List<String> urls = browser.requestedUrls();
        assertTrue(urls.stream().anyMatch(u -> u.contains("/api/v1/rollouts/") && u.endsWith("/events")),
                "the network log holds the dashboard's API calls");
        for (As role : As.values()) {
            String secret = token(role);
            assertTrue(urls.stream().noneMatch(u -> u.contains(secret)), role + " token in a requested URL");
        }

        List<String> logged = SERVER_LOG.lines;
        assertTrue(logged.stream().anyMatch(l -> l.contains("path=/api/v1/rollouts/" + seeded().rollout()
                + "/events")), "the server's request log holds the page's calls");
        for (As role : As.values()) {
            String secret = token(role);
            assertTrue(logged.stream().noneMatch(l -> l.contains(secret)), role + " token in the server log");
        }
        SERVER_LOG.close();

        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/dashboard/"));
        for (String path : List.of("/dashboard/", "/dashboard/app.js", "/dashboard/style.css",
                "/webjars/echarts/5.3.1/dist/echarts.esm.min.js", "/api/v1/me")) {
            Response r = path.startsWith("/api") ? viewer().get(path) : given().get(path);
            r.then().statusCode(200);
            String csp = r.header("Content-Security-Policy");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self';")
                    && csp.contains("object-src 'none'") && csp.contains("base-uri 'none'")
                    && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("no-referrer", r.header("Referrer-Policy"), path);
        }
        assertTrue(given().get("/dashboard/app.js").contentType().startsWith("text/javascript")
                || given().get("/dashboard/app.js").contentType().startsWith("application/javascript"));
    }

    // ----------------------------------------------------------------------------------------------------------

    private Seeded seeded() {
        if (seeded == null) {
            java.util.logging.Logger.getLogger("").addHandler(SERVER_LOG);
            seeded = seed();
        }
        return seeded;
    }

    /** Every line the application logs while this class runs (the request log among them). */
    private static final ServerLog SERVER_LOG = new ServerLog();

    private static final class ServerLog extends java.util.logging.Handler {
        private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void publish(java.util.logging.LogRecord record) {
            lines.add(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                    : String.valueOf(record.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            java.util.logging.Logger.getLogger("").removeHandler(this);
        }
    }

    /**
     * Two clusters on GITOPS targets, three deployments (one with a latency no variant meets: unplaced), a plan of
     * one deployment and then of all, and a rollout of the second.
     */
    private static Seeded seed() {
        operator().body(Map.of("region", "us-east-1", "target", Map.of("type", "GITOPS"), "nodePools", List.of(
                pool("t4", "g4dn.xlarge", 4), pool("cpu", "c6i.xlarge", 6), pool("inf", "inf1.xlarge", 2))))
                .put("/api/v1/clusters/" + PROD).then().statusCode(201);
        // The canary (first by name) names a metrics source, so its steps are analyzed.
        operator().body(Map.of("region", "us-east-1", "target", Map.of("type", "GITOPS"), "nodePools", List.of(
                pool("cpu", "c7i.xlarge", 4), pool("t4", "g4dn.xlarge", 2)), "metrics", Map.of("prometheusUrl",
                "http://prometheus.monitoring:9090"))).put("/api/v1/clusters/" + EDGE).then().statusCode(201);
        deployment(RESNET, "resnet50", Map.of("p99LatencyMs", 50, "minAccuracy", 75.0, "minReplicas", 2,
                "headroom", 0.2), List.of(demand(PROD, 800), demand(EDGE, 40)), Map.of("interval", "30s", "count", 3,
                "initialDelay", "0s", "minRequests", 50));
        deployment(BERT, "bert-base", Map.of("p99LatencyMs", 100, "minReplicas", 1),
                List.of(demand(PROD, 150)), null);
        deployment(STRICT, "resnet50", Map.of("p99LatencyMs", 0.5), List.of(demand(EDGE, 10)), null);
        String first = operator().body(Map.of("deployments", List.of(RESNET))).post("/api/v1/plans").then()
                .statusCode(201).extract().path("id");
        String plan = operator().body(Map.of("deployments", List.of(RESNET, BERT, STRICT))).post("/api/v1/plans")
                .then().statusCode(201).extract().path("id");
        UUID rollout = UUID.fromString(operator().body(Map.of("planId", plan, "canary", EDGE)).post("/api/v1/rollouts")
                .then()
                .statusCode(201).extract().path("id"));
        return new Seeded(first, plan, rollout);
    }

    private static Map<String, Object> pool(String name, String hardware, int maxNodes) {
        return Map.of("name", name, "hardware", hardware, "capacityType", "ON_DEMAND", "maxNodes", maxNodes);
    }

    private static Map<String, Object> demand(String cluster, double rps) {
        return Map.of("cluster", cluster, "rps", rps);
    }

    private static void deployment(String name, String model, Map<String, Object> slo,
            List<Map<String, Object>> demand, Map<String, Object> analysis) {
        // The demo catalog's rows are mostly ESTIMATED: these deployments agree to plan with them (design 007, B4).
        Map<String, Object> body = new java.util.HashMap<>(Map.of("model", model, "version", "1.0.0", "slo", slo,
                "demand", demand, "allowEstimated", true));
        if (analysis != null) {
            body.put("analysis", analysis);
        }
        operator().body(body).put("/api/v1/deployments/" + name).then().statusCode(201);
    }

    /** Stored plans with a result (plan jobs also list RUNNING and FAILED ones). */
    private static long finishedPlans() {
        long finished = 0;
        for (int page = 0; ; page++) {
            JsonPath p = viewer().get("/api/v1/plans?size=500&page=" + page).then().statusCode(200).extract()
                    .jsonPath();
            List<String> statuses = p.getList("items.status");
            finished += statuses.stream().filter(List.of("OPTIMAL", "FEASIBLE", "INFEASIBLE")::contains).count();
            if (statuses.size() < 500) {
                return finished;
            }
        }
    }

    private static int total(String list) {
        return viewer().get(list + "?size=1").then().statusCode(200).extract().path("total");
    }

    private static JsonPath plan(String id) {
        return viewer().get("/api/v1/plans/" + id).then().statusCode(200).extract().jsonPath().using(EXACT);
    }

    private static Map<String, Object> placement(JsonPath plan, String deployment, String cluster) {
        List<Map<String, Object>> placements = plan.getList("placements");
        return placements.stream().filter(p -> p.get("deployment").equals(deployment) && p.get("cluster").equals(cluster))
                .findFirst().orElseThrow();
    }

    private List<Map<String, Object>> alternatives(String deployment, String cluster) {
        return viewer().get("/api/v1/plans/" + seeded().plan() + "/alternatives?deployment=" + deployment + "&cluster="
                + cluster + "&size=500").then().statusCode(200).extract().jsonPath().using(EXACT).getList("items");
    }

    private static RolloutView rollout(UUID id) {
        return viewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().as(RolloutView.class);
    }

    /** The page shows the rollout's status, transition count and every step's status as the API has them. */
    private static boolean pageShows(RolloutView view) {
        if (!present("#rollout-status") || !text("#rollout-status").equals(view.status().name())
                || !text(".rollout-head").contains(" " + view.transitions() + " transitions")) {
            return false;
        }
        String expected = view.clusters().stream().flatMap(c -> c.steps().stream().map(StepView::status))
                .map(Enum::name).collect(Collectors.joining(","));
        String shown = browser.driver.findElements(By.cssSelector("#rollout tr.step")).stream()
                .map(r -> r.getDomAttribute("data-status")).collect(Collectors.joining(","));
        return expected.equals(shown);
    }

    private static List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#options tbody tr"));
    }

    private static String percent(Object value) {
        return String.format(Locale.ROOT, "%.1f%%", ((Number) value).doubleValue());
    }

    private void signIn(As role) {
        if (browser == null) {
            browser = new Browser();
        }
        browser.driver.get(root + "dashboard/");
        browser.waiting().until(d -> d.findElement(By.id("token")).isDisplayed());
        browser.driver.findElement(By.id("token")).sendKeys(token(role));
        click("#sign-in-form button[type='submit']");
        waitUntil(() -> present("#who") && text("#who").endsWith("(" + role.name().toLowerCase(Locale.ROOT) + ")"));
        assertNoTokenInUrl();
    }

    private static void signOut() {
        click("#sign-out");
        waitUntil(() -> browser.driver.findElement(By.id("sign-in")).isDisplayed());
        assertNull(browser.driver.executeScript("return sessionStorage.getItem('modelfleet.token')"),
                "signing out forgets the token");
    }

    /** Goes to a route in the same document and waits until the view has rendered. */
    private static void open(String hash) {
        browser.driver.executeScript("location.hash = arguments[0]", hash);
        waitUntil(() -> hash.equals(browser.driver.findElement(By.id("view")).getDomAttribute("data-shown")));
        assertFalse(present("#banner:not([hidden])"), "error banner: " + (present("#banner") ? text("#banner") : ""));
        assertEquals(1, browser.driver.findElements(By.cssSelector("#view h1")).size(), "one view on the page");
        assertNoTokenInUrl();
    }

    private static void assertNoTokenInUrl() {
        String url = browser.driver.getCurrentUrl();
        for (As role : As.values()) {
            assertFalse(url.contains(token(role)), "token in the address bar: " + url);
        }
    }

    /** Clicks the element, found again if the live page re-drew it between finding and clicking. */
    private static void click(String css) {
        waitUntil(() -> {
            try {
                browser.driver.findElement(By.cssSelector(css)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return false;
            }
        });
    }

    private static boolean present(String css) {
        return !browser.driver.findElements(By.cssSelector(css)).isEmpty();
    }

    private static String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    private static void waitForText(String css, String expected) {
        waitUntil(() -> present(css) && text(css).equals(expected));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }
}
