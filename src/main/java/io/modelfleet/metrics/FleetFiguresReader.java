package io.modelfleet.metrics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.planning.PlanResult.PlanStatus;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads {@link FleetFigures} from PostgreSQL in plain SQL on one connection: aggregates only, so the cost of a read
 * does not grow with the rows it sums beyond what an index scan does. The latest plan's result JSON (megabytes for a
 * large fleet) is parsed once per plan: plans are immutable, so its figures are kept until a newer plan appears.
 */
@ApplicationScoped
public class FleetFiguresReader {

    /** The names of the baselines in the plan JSON, as the API and the labels call them. */
    static final String[] BASELINES = {"fp32Only", "singleHardware"};

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FINISHED = Arrays.stream(PlanStatus.values()).map(s -> "'" + s.name() + "'")
            .reduce((a, b) -> a + ", " + b).orElseThrow();
    /** Every status a stored plan can have, plan jobs' RUNNING and FAILED included, so each series exists. */
    private static final Enum<?>[] PLAN_STATES = io.modelfleet.plans.PlanState.values();
    /** Where an AWS refresh writes prices (cloud.aws.PriceRefreshService); static prices from profiles/ are not. */
    private static final String REFRESHED_SOURCES = "'AWS_PRICING', 'AWS_SPOT'";

    private final Pool pool;
    private final AtomicReference<FleetFigures.LatestPlan> parsed = new AtomicReference<>();

    public FleetFiguresReader(Pool pool) {
        this.pool = pool;
    }

    public Uni<FleetFigures> read() {
        return pool.withConnection(c -> {
            // The wall clock, not the engine's: operators compare it with their own time.
            Instant now = Instant.now();
            return c.query("SELECT deployment, sum(hourly_cost_usd) AS cost FROM running_placement GROUP BY deployment")
                    .execute().map(rows -> doubles(rows, "deployment", "cost"))
                    .chain(running -> latestPlan(c).chain(plan -> counts(c, "plan", PLAN_STATES)
                            .chain(plans -> counts(c, "rollout", RolloutStatus.values())
                                    .chain(rollouts -> lastRefresh(c).chain(refreshed -> stale(c)
                                            .map(stale -> new FleetFigures(now, running, plan, plans, rollouts,
                                                    refreshed, stale)))))));
        });
    }

    private Uni<FleetFigures.LatestPlan> latestPlan(SqlConnection c) {
        // max(created_at) walks plan_created_at_idx backwards; an ORDER BY with a tie-breaker would sort every plan.
        return c.query("SELECT id, created_at, status, total_hourly_cost_usd FROM plan WHERE created_at = (SELECT"
                + " max(created_at) FROM plan WHERE status IN (" + FINISHED + ")) AND status IN (" + FINISHED
                + ") ORDER BY id DESC LIMIT 1").execute().chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row r = rows.iterator().next();
                    String id = r.getUUID("id").toString();
                    FleetFigures.LatestPlan known = parsed.get();
                    if (known != null && known.id().equals(id)) {
                        return Uni.createFrom().item(known);
                    }
                    return c.preparedQuery("SELECT result FROM plan WHERE id = $1")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of(r.getUUID("id")))
                            .map(result -> {
                                FleetFigures.LatestPlan plan = parse(id, r.getOffsetDateTime("created_at").toInstant(),
                                        r.getString("status"), r.getDouble("total_hourly_cost_usd"),
                                        result.iterator().next().getString("result"));
                                parsed.set(plan);
                                return plan;
                            });
                });
    }

    /**
     * The figures of a stored result, read by the API's field names (DESIGN.md, "API sketch") with a streaming parser
     * that skips everything else: a large fleet's result is mostly {@code alternatives}, and a tree of it would take
     * several times its size in memory.
     */
    public static FleetFigures.LatestPlan parse(String id, Instant createdAt, String status, double total,
            String result) {
        SortedMap<String, Double> byDeployment = new TreeMap<>();
        Map<String, FleetFigures.Baseline> baselines = new LinkedHashMap<>();
        int unplaced = 0;
        try (JsonParser p = JSON.getFactory().createParser(result)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, id);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("placements") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        placement(p, byDeployment);
                    }
                } else if (field.equals("unplaced") && value == JsonToken.START_ARRAY) {
                    unplaced = count(p);
                } else if (field.equals("baselines") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        if (p.nextToken() == JsonToken.START_OBJECT && List.of(BASELINES).contains(name)) {
                            baselines.put(name, baseline(p));
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored plan " + id + " is not valid JSON", e);
        }
        Map<String, FleetFigures.Baseline> ordered = new LinkedHashMap<>();
        for (String name : BASELINES) {
            if (baselines.containsKey(name)) {
                ordered.put(name, baselines.get(name));
            }
        }
        return new FleetFigures.LatestPlan(id, createdAt, status, total, byDeployment, unplaced, ordered);
    }

    /** One placement object (the parser on its START_OBJECT): adds its hourlyCostUsd to its deployment's. */
    private static void placement(JsonParser p, SortedMap<String, Double> byDeployment) throws IOException {
        String deployment = null;
        double cost = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("deployment")) {
                deployment = p.getText();
            } else if (field.equals("hourlyCostUsd")) {
                cost = p.getDoubleValue();
            } else {
                p.skipChildren();
            }
        }
        if (deployment != null) {
            byDeployment.merge(deployment, cost, Double::sum);
        }
    }

    private static FleetFigures.Baseline baseline(JsonParser p) throws IOException {
        double cost = 0;
        int unplaced = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("totalHourlyCostUsd")) {
                cost = p.getDoubleValue();
            } else if (field.equals("unplaced") && value == JsonToken.START_ARRAY) {
                unplaced = count(p);
            } else {
                p.skipChildren();
            }
        }
        return new FleetFigures.Baseline(cost, unplaced);
    }

    /** The elements of the array the parser is on, skipped over. */
    private static int count(JsonParser p) throws IOException {
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            n++;
            p.skipChildren();
        }
        return n;
    }

    private static void expect(JsonToken got, JsonToken wanted, String id) {
        if (got != wanted) {
            throw new IllegalStateException("stored plan " + id + " is not a JSON object");
        }
    }

    /** Rows per status, every known status present (0 when none), so a series never vanishes when it drops to 0. */
    private static Uni<SortedMap<String, Long>> counts(SqlConnection c, String table, Enum<?>[] known) {
        return c.query("SELECT status, count(*) AS n FROM " + table + " GROUP BY status").execute().map(rows -> {
            SortedMap<String, Long> out = new TreeMap<>();
            for (Enum<?> status : known) {
                out.put(status.name(), 0L);
            }
            for (Row r : rows) {
                out.put(r.getString("status"), r.getLong("n"));
            }
            return out;
        });
    }

    private static Uni<SortedMap<String, Instant>> lastRefresh(SqlConnection c) {
        return c.query("SELECT region, max(price_updated_at) AS at FROM offering WHERE price_source IN ("
                + REFRESHED_SOURCES + ") GROUP BY region").execute().map(rows -> {
                    SortedMap<String, Instant> out = new TreeMap<>();
                    for (Row r : rows) {
                        OffsetDateTime at = r.getOffsetDateTime("at");
                        out.put(r.getString("region"), at.toInstant());
                    }
                    return out;
                });
    }

    private static Uni<SortedMap<String, Long>> stale(SqlConnection c) {
        return c.query("SELECT region, count(*) FILTER (WHERE stale) AS n FROM offering GROUP BY region").execute()
                .map(rows -> {
                    SortedMap<String, Long> out = new TreeMap<>();
                    for (Row r : rows) {
                        out.put(r.getString("region"), r.getLong("n"));
                    }
                    return out;
                });
    }

    private static SortedMap<String, Double> doubles(RowSet<Row> rows, String key, String value) {
        SortedMap<String, Double> out = new TreeMap<>();
        for (Row r : rows) {
            out.put(r.getString(key), r.getDouble(value));
        }
        return out;
    }
}
