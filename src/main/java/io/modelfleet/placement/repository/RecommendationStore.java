package io.modelfleet.placement.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.placement.domain.ClusterChange;
import io.modelfleet.placement.domain.Disruption;
import io.modelfleet.placement.domain.Proposal;
import io.modelfleet.placement.domain.RecommendationStatus;
import io.modelfleet.placement.domain.Step;
import io.modelfleet.placement.domain.Tracked;
import io.modelfleet.placement.dto.RecommendationView;
import io.modelfleet.planning.Choice;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code recommendation} table in plain SQL: what the stabilizer needs, the evaluation's writes (always inside
 * the caller's fenced transaction), and the API's reads and dismiss. Changes, disruption and reasons are JSON.
 */
@ApplicationScoped
public class RecommendationStore {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final TypeReference<List<ClusterChange>> CHANGES = new TypeReference<>() { };
    private static final TypeReference<List<String>> REASONS = new TypeReference<>() { };
    private static final String ACTIVE = "('PENDING', 'OPEN')";

    private final Pool pool;

    public RecommendationStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * What the stabilizer weighs a new evaluation against: active recommendations, dismissed ones (I8), and
     * accepted ones while their rollout runs (I7). Once it ended the acceptance suppresses nothing: after a success
     * what runs is its target (a later move back and forth again is a new decision), after a failure the move may be
     * proposed again.
     */
    public Uni<List<Tracked>> tracked(SqlConnection tx) {
        return tx.query("SELECT id, deployment, fingerprint, inputs_digest, status, consecutive, first_seen"
                + " FROM recommendation rc WHERE rc.status IN ('PENDING', 'OPEN', 'DISMISSED')"
                + " OR (rc.status = 'ACCEPTED' AND EXISTS (SELECT 1 FROM rollout r WHERE r.id = rc.rollout_id"
                + " AND r.status NOT IN ('SUCCEEDED', 'ROLLED_BACK', 'ABORTED', 'FAILED')))").execute().map(rows -> {
                    List<Tracked> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Tracked(r.getUUID("id"), r.getString("deployment"), r.getString("fingerprint"),
                                r.getString("inputs_digest"), RecommendationStatus.valueOf(r.getString("status")),
                                r.getInteger("consecutive"), r.getOffsetDateTime("first_seen").toInstant()));
                    }
                    return out;
                });
    }

    /** Counts of what one evaluation wrote. */
    public record Applied(int created, int advanced, int superseded) {
    }

    /** Applies one evaluation's steps in order, inside the caller's fenced transaction. */
    public Uni<Applied> apply(SqlConnection tx, List<Step> steps, OffsetDateTime now, long token) {
        Uni<int[]> chain = Uni.createFrom().item(new int[3]);
        for (Step step : steps) {
            chain = chain.call(counts -> write(tx, step, now, token).invoke(n -> {
                int slot = step instanceof Step.Create ? 0 : step instanceof Step.Advance ? 1 : 2;
                counts[slot] += n;
            }));
        }
        return chain.map(c -> new Applied(c[0], c[1], c[2]));
    }

    private Uni<Integer> write(SqlConnection tx, Step step, OffsetDateTime now, long token) {
        if (step instanceof Step.Create c) {
            Proposal p = c.proposal();
            return tx.preparedQuery("INSERT INTO recommendation (id, deployment, status, fingerprint, inputs_digest,"
                    + " consecutive, first_seen, last_seen, opened_at, current_usd_per_hour, proposed_usd_per_hour,"
                    + " savings_usd_per_hour, savings_fraction, score, urgent, changes, disruption, reasons,"
                    + " lease_token) VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
                    + " $16, $17)").execute(Tuple.from(new Object[] {UUID.randomUUID(), p.deployment(),
                            c.status().name(), p.fingerprint(), p.inputsDigest(), now,
                            c.status() == RecommendationStatus.OPEN ? now : null, p.currentUsdPerHour(),
                            p.proposedUsdPerHour(), p.savingsUsdPerHour(), p.savingsFraction(), p.score(),
                            p.urgent(), json(p.changes()), json(p.disruption()), json(p.reasons()), token}))
                    .map(RowSet::rowCount);
        }
        if (step instanceof Step.Advance a) {
            Proposal p = a.proposal();
            return tx.preparedQuery("UPDATE recommendation SET status = $2, inputs_digest = $3, consecutive = $4,"
                    + " last_seen = $5, opened_at = COALESCE(opened_at, $6), current_usd_per_hour = $7,"
                    + " proposed_usd_per_hour = $8, savings_usd_per_hour = $9, savings_fraction = $10, score = $11,"
                    + " urgent = $12, changes = $13, disruption = $14, reasons = $15, lease_token = $16"
                    + " WHERE id = $1 AND status IN " + ACTIVE).execute(Tuple.from(new Object[] {a.id(),
                            a.status().name(), p.inputsDigest(), a.consecutive(), now,
                            a.status() == RecommendationStatus.OPEN ? now : null, p.currentUsdPerHour(),
                            p.proposedUsdPerHour(), p.savingsUsdPerHour(), p.savingsFraction(), p.score(),
                            p.urgent(), json(p.changes()), json(p.disruption()), json(p.reasons()), token}))
                    .map(RowSet::rowCount);
        }
        Step.Supersede s = (Step.Supersede) step;
        return tx.preparedQuery("UPDATE recommendation SET status = 'SUPERSEDED', superseded_reason = $2,"
                + " last_seen = $3, lease_token = $4 WHERE id = $1 AND status IN " + ACTIVE)
                .execute(Tuple.of(s.id(), s.reason(), now, token)).map(RowSet::rowCount);
    }

    /** One page, newest first; {@code statuses} null for every status, {@code deployment} null for all. */
    public Uni<Page<RecommendationView>> page(Set<RecommendationStatus> statuses, String deployment,
            PageRequest page) {
        String[] wanted = statuses == null ? null : statuses.stream().map(Enum::name).toArray(String[]::new);
        String where = " WHERE ($1::varchar[] IS NULL OR status = ANY($1)) AND ($2::varchar IS NULL OR deployment = $2)";
        Tuple args = Tuple.of(wanted, deployment);
        return pool.preparedQuery("SELECT count(*) AS n FROM recommendation" + where).execute(args)
                .chain(count -> pool.preparedQuery("SELECT * FROM recommendation" + where
                        + " ORDER BY first_seen DESC, id LIMIT $3 OFFSET $4")
                        .execute(Tuple.of(wanted, deployment, page.size(), (long) page.page() * page.size()))
                        .map(rows -> {
                            List<RecommendationView> items = new ArrayList<>();
                            rows.forEach(r -> items.add(view(r)));
                            return new Page<>(items, page.page(), page.size(),
                                    count.iterator().next().getLong("n"));
                        }));
    }

    /** OPEN recommendations with no rollout yet, oldest first (what an automatic rollout may start). */
    public Uni<List<RecommendationView>> openWithoutRollout() {
        return pool.query("SELECT * FROM recommendation WHERE status = 'OPEN' AND rollout_id IS NULL"
                + " ORDER BY opened_at, id").execute().map(rows -> {
                    List<RecommendationView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    /** The recommendation, or null. */
    public Uni<RecommendationView> get(UUID id) {
        return pool.preparedQuery("SELECT * FROM recommendation WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : view(rows.iterator().next()));
    }

    /** PENDING or OPEN to DISMISSED; null when it was not active (or does not exist). */
    public Uni<RecommendationView> dismiss(UUID id, String by, String note, OffsetDateTime at) {
        return pool.preparedQuery("UPDATE recommendation SET status = 'DISMISSED', decided_by = $2, decided_at = $3,"
                + " decision_note = $4 WHERE id = $1 AND status IN " + ACTIVE + " RETURNING *")
                .execute(Tuple.of(id, by, at, note))
                .map(rows -> rows.rowCount() == 0 ? null : view(rows.iterator().next()));
    }

    static RecommendationView view(Row r) {
        List<ClusterChange> changes = read(r.getString("changes"), CHANGES);
        Disruption d = read(r.getString("disruption"), Disruption.class);
        double savings = r.getDouble("savings_usd_per_hour");
        return new RecommendationView(r.getUUID("id"), r.getString("deployment"),
                RecommendationStatus.valueOf(r.getString("status")),
                changes.stream().map(c -> new RecommendationView.Change(c.cluster(), choice(c.from()), choice(c.to())))
                        .toList(),
                r.getDouble("current_usd_per_hour"), r.getDouble("proposed_usd_per_hour"), savings,
                Math.round(savings * RecommendationView.HOURS_PER_MONTH * 100) / 100.0,
                r.getDouble("savings_fraction"), new RecommendationView.DisruptionView(d.replicasReplaced(),
                        d.hardwareSwitches(), d.clustersTouched(), d.replicasRunning()),
                r.getDouble("score"), r.getBoolean("urgent"), read(r.getString("reasons"), REASONS),
                r.getOffsetDateTime("first_seen"), r.getOffsetDateTime("last_seen"), r.getOffsetDateTime("opened_at"),
                r.getInteger("consecutive"), r.getUUID("plan_id"), r.getUUID("rollout_id"),
                r.getString("decided_by"), r.getOffsetDateTime("decided_at"), r.getString("decision_note"),
                r.getString("superseded_reason"));
    }

    private static RecommendationView.Choice choice(Choice c) {
        return c == null ? null : new RecommendationView.Choice(c.variantId(), c.precision(), c.hardware(), c.pool(),
                c.batchSize(), c.replicas(), c.hourlyCostUsd());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recommendation's parts are plain records", e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable recommendation column: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable recommendation column: " + e.getOriginalMessage(), e);
        }
    }
}
