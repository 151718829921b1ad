package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.rollout.engine.LeaseLost;
import io.modelfleet.rollout.engine.Outcome;
import io.modelfleet.rollout.engine.RolloutDecider;
import io.modelfleet.rollout.engine.RolloutLease;
import io.modelfleet.rollout.engine.RolloutState;
import io.modelfleet.rollout.engine.RolloutStore;
import io.modelfleet.rollout.engine.Transition;
import io.modelfleet.rollout.engine.TransitionRunner;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.kube.KubernetesTarget;
import io.modelfleet.rollout.mock.MockKubernetesClients;
import io.modelfleet.testing.OffsetClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Invariant 6, fenced writes: two replicas on one database, a lease that lapses in the middle of a step. The stale
 * replica's late commit is refused and its next target write never starts; pause never writes lease columns back;
 * force-end fences out whoever drives the rollout.
 */
@QuarkusTest
class RolloutFencingTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    OffsetClock clock;

    @Inject
    MockKubernetesClients clients;

    @Inject
    RolloutEngine engine;

    private RolloutFixture fleet() {
        RolloutFixture f = new RolloutFixture(1, false);
        f.variant("1.0.0", "INT8", f.t4, 7, 1000, 1, "nvcr.io/nvidia/tritonserver:24.08-py3");
        f.deploy("1.0.0", 1500);
        return f;
    }

    private TransitionRunner runner() {
        return new TransitionRunner(cluster -> new KubernetesTarget(clients.cluster().client()),
                (plan, cluster, ns) -> List.of(), clock, 5, Duration.ofMillis(10));
    }

    private static RolloutLease.Claim claimOf(RolloutLease lease, UUID id) {
        return lease.claim(100).stream().filter(c -> c.rolloutId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(lease.owner() + " could not claim " + id));
    }

    private Row row(UUID id) {
        return pool.preparedQuery("SELECT status, transitions, lease_owner, lease_token, lease_until FROM rollout"
                + " WHERE id = $1").execute(Tuple.of(id)).await().indefinitely().iterator().next();
    }

    /** Decides and performs the next transitions, committing each, until {@code name} is the next one. */
    private RolloutState advanceUntil(RolloutStore store, RolloutLease lease, RolloutLease.Claim claim, UUID id,
            Class<? extends Transition> name) {
        TransitionRunner runner = runner();
        for (int i = 0; i < 10; i++) {
            RolloutState state = store.load(id);
            Transition t = RolloutDecider.next(state, clock.instant());
            if (name.isInstance(t)) {
                return state;
            }
            store.commit(lease, claim, state, runner.run(state, t, () -> lease.renew(claim)));
        }
        throw new AssertionError("never reached " + name.getSimpleName());
    }

    @Test
    void aReplicaWhoseLeaseLapsedMidStepCommitsNothingAndWritesNothingMore() {
        RolloutFixture f = fleet();
        UUID id = f.rollout(f.plan(), null);
        RolloutStore store = new RolloutStore(pool, clock);
        RolloutLease a = new RolloutLease(pool, "replica-a", LEASE, clock);
        RolloutLease b = new RolloutLease(pool, "replica-b", LEASE, clock);
        RolloutLease.Claim claimA = claimOf(a, id);
        RolloutState beforeApply = advanceUntil(store, a, claimA, id, Transition.Apply.class);
        Transition apply = RolloutDecider.next(beforeApply, clock.instant());
        // A performs the apply while it still holds the lease, then stalls (a GC pause, a slow network) past it.
        Outcome late = runner().run(beforeApply, apply, () -> a.renew(claimA));
        int transitions = row(id).getInteger("transitions");
        clock.step(LEASE.plusSeconds(1));
        RolloutLease.Claim claimB = claimOf(b, id);
        assertEquals(claimA.token() + 1, claimB.token(), "the takeover moves the fencing token on");

        assertThrows(LeaseLost.class, () -> store.commit(a, claimA, beforeApply, late),
                "the stale replica's late commit is refused");
        assertEquals(transitions, row(id).getInteger("transitions"), "nothing of it landed in PostgreSQL");
        clients.cluster().dispatcher().clearRequests();
        assertThrows(LeaseLost.class, () -> runner().run(store.load(id), apply, () -> a.renew(claimA)),
                "its next target write never starts: the fence is checked first");
        assertTrue(clients.cluster().dispatcher().requests().stream().noneMatch(r -> r.startsWith("PATCH")),
                "no write reached the cluster: " + clients.cluster().dispatcher().requests());

        RolloutEngine second = engine.withInstance("replica-b");
        second.claim();
        for (int i = 0; i < 50 && !RolloutStatus.valueOf(row(id).getString("status")).terminal(); i++) {
            second.drive(id, 1);
            clients.cluster().reconcile();
        }
        assertEquals("SUCCEEDED", row(id).getString("status"), "the replica holding the lease finishes it");
    }

    @Test
    void aTransitionDecidedBeforeAPauseAndResumeIsNotCommittedAfterThem() {
        RolloutFixture f = fleet();
        UUID id = f.rollout(f.plan(), null);
        RolloutStore store = new RolloutStore(pool, clock);
        RolloutLease a = new RolloutLease(pool, "replica-a", LEASE, clock);
        RolloutLease.Claim claim = claimOf(a, id);
        RolloutState decided = store.load(id);
        Outcome start = runner().run(decided, RolloutDecider.next(decided, clock.instant()), () -> a.renew(claim));
        operator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(200);
        operator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
        assertEquals(false, store.commit(a, claim, decided, start), "the status is RUNNING again, but a user acted");
        assertEquals(0, row(id).getInteger("transitions"));
        assertEquals("PENDING", pool.preparedQuery("SELECT status FROM rollout_cluster WHERE rollout_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getString("status"));
    }

    @Test
    void pauseAndResumeNeverWriteLeaseColumnsBack() {
        RolloutFixture f = fleet();
        UUID id = f.rollout(f.plan(), null);
        RolloutLease a = new RolloutLease(pool, "replica-a", LEASE, clock);
        RolloutLease.Claim claim = claimOf(a, id);
        Row before = row(id);
        operator().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(200);
        operator().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
        Row after = row(id);
        assertEquals(before.getString("lease_owner"), after.getString("lease_owner"));
        assertEquals(before.getLong("lease_token"), after.getLong("lease_token"));
        assertEquals(before.getOffsetDateTime("lease_until"), after.getOffsetDateTime("lease_until"));
        a.renew(claim);
    }

    @Test
    void forceEndFencesOutTheReplicaDrivingTheRolloutAndReleasesTheLock() {
        RolloutFixture f = fleet();
        UUID id = f.rollout(f.plan(), null);
        RolloutStore store = new RolloutStore(pool, clock);
        RolloutLease a = new RolloutLease(pool, "replica-a", LEASE, clock);
        RolloutLease.Claim claim = claimOf(a, id);
        RolloutState state = advanceUntil(store, a, claim, id, Transition.Apply.class);
        Outcome pending = runner().run(state, RolloutDecider.next(state, clock.instant()), () -> a.renew(claim));
        operator().body(Map.of("reason", "stuck")).post("/api/v1/rollouts/" + id + "/force-end").then()
                .statusCode(403);
        admin().body(Map.of()).post("/api/v1/rollouts/" + id + "/force-end").then().statusCode(400);
        admin().body(Map.of("reason", "the cluster was decommissioned")).post("/api/v1/rollouts/" + id + "/force-end")
                .then().statusCode(200);
        assertThrows(LeaseLost.class, () -> store.commit(a, claim, state, pending));
        Row after = row(id);
        assertEquals("FAILED", after.getString("status"));
        assertEquals(0L, pool.preparedQuery("SELECT count(*) AS n FROM active_rollout_deployment WHERE rollout_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong("n"));
        admin().body(Map.of("reason", "again")).post("/api/v1/rollouts/" + id + "/force-end").then().statusCode(409);
        f.rollout(f.plan(), null);
        assertInstanceOf(Transition.Idle.class, RolloutDecider.next(store.load(id), clock.instant()));
    }
}
