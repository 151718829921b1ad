package io.modelfleet.crash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rollouts under test. Each runs on two clusters (a canary and one more) and two deployments, each deployment
 * of its own model so that their variants can differ; the v1 rollout before it is the state it starts from.
 * Demand is {@value Fleet#DEMAND_RPS} rps per deployment and cluster with headroom {@value Fleet#HEADROOM}, so
 * every deployment needs 1500 rps at every moment.
 */
enum Scenario {

    /** Same hardware and precision, new image, fewer replicas: 2 x 1000 rps → 1 x 1600 rps on T4 INT8. */
    IN_PLACE("SUCCEEDED", 0, false, List.of(Release.T4_INT8_1000, Release.T4_INT8_1000),
            List.of(Release.T4_INT8_1600, Release.T4_INT8_1600)),
    /** CPU INT8 4 x 400 rps → T4 FP16 1 x 1600 rps: a new Deployment beside the old, the old retired. */
    HARDWARE_SWITCH("SUCCEEDED", 0, false, List.of(Release.CPU_INT8_400, Release.CPU_INT8_400),
            List.of(Release.T4_FP16_1600, Release.T4_FP16_1600)),
    /**
     * The first deployment switches hardware, the second gets a broken image whose pods never become ready: the
     * canary's gate fails, and both deployments of the canary are rolled back (the switch too, with no dip).
     */
    FAILING_GATE("ROLLED_BACK", 0, false, List.of(Release.CPU_INT8_400, Release.T4_INT8_1000),
            List.of(Release.T4_FP16_1600, Release.T4_INT8_BROKEN)),
    /** The hardware switch, aborted by the harness once the rollout has committed {@value #ABORT_AT} transitions. */
    ABORT("ABORTED", Scenario.ABORT_AT, false, List.of(Release.CPU_INT8_400, Release.CPU_INT8_400),
            List.of(Release.T4_FP16_1600, Release.T4_FP16_1600)),
    /**
     * The hardware switch with metric analysis: both clusters name a real Prometheus scraping the new pods' Triton
     * series (fast, no errors), and every upsert step is measured {@value #ANALYSIS_COUNT} times
     * {@value #ANALYSIS_INTERVAL} apart before its old hardware is retired. Kills land inside ANALYZING.
     */
    ANALYZED("SUCCEEDED", 0, true, List.of(Release.CPU_INT8_400, Release.CPU_INT8_400),
            List.of(Release.T4_FP16_1600, Release.T4_FP16_1600));

    static final int ANALYSIS_COUNT = 2;
    static final String ANALYSIS_INTERVAL = "5s";

    static final int ABORT_AT = 2;

    final String terminal;
    /** Send abort once the rollout's committed transitions reach this many; 0: never. */
    final int abortAt;
    /** Whether the v2 rollout's steps are analyzed against the harness's Prometheus. */
    final boolean analyzed;
    final List<Release> v1;
    final List<Release> v2;

    Scenario(String terminal, int abortAt, boolean analyzed, List<Release> v1, List<Release> v2) {
        this.terminal = terminal;
        this.abortAt = abortAt;
        this.analyzed = analyzed;
        this.v1 = v1;
        this.v2 = v2;
    }

    /**
     * The objects each namespace must hold once the rollout is over, computed from the releases: v2 everywhere
     * when it succeeds; v1 everywhere when it is rolled back or aborted, since the canary is restored and the
     * later cluster never started.
     */
    Map<String, List<String>> expectedObjects() {
        List<Release> releases = terminal.equals("SUCCEEDED") ? v2 : v1;
        Map<String, List<String>> objects = new LinkedHashMap<>();
        for (String ns : Fleet.namespaces()) {
            List<String> deployments = new ArrayList<>();
            List<String> services = new ArrayList<>();
            List<String> budgets = new ArrayList<>();
            for (int i = 0; i < Fleet.DEPLOYMENTS.size(); i++) {
                String d = Fleet.DEPLOYMENTS.get(i);
                Release r = releases.get(i);
                String workload = d + "-" + r.precision.toLowerCase() + "-" + r.hardware;
                int replicas = r.replicas();
                deployments.add("Deployment " + workload + " replicas=" + replicas + " image=" + r.image);
                services.add("Service " + d);
                if (replicas >= 2) {
                    budgets.add("PodDisruptionBudget " + workload);
                }
            }
            List<String> all = new ArrayList<>();
            all.addAll(deployments.stream().sorted().toList());
            all.addAll(services.stream().sorted().toList());
            all.addAll(budgets.stream().sorted().toList());
            objects.put(ns, all);
        }
        return objects;
    }

    String label() {
        return name().toLowerCase().replace('_', '-');
    }

    /** One deployment's variant for a release: where it runs, how fast one replica serves, and its image. */
    enum Release {
        T4_INT8_1000("INT8", Fleet.T4, 1000, Fleet.TRITON_OLD),
        T4_INT8_1600("INT8", Fleet.T4, 1600, Fleet.TRITON_NEW),
        T4_INT8_BROKEN("INT8", Fleet.T4, 1600, Fleet.TRITON_BROKEN),
        T4_FP16_1600("FP16", Fleet.T4, 1600, Fleet.TRITON_NEW),
        CPU_INT8_400("INT8", Fleet.CPU, 400, Fleet.OVMS);

        final String precision;
        final String hardware;
        final double rps;
        final String image;

        Release(String precision, String hardware, double rps, String image) {
            this.precision = precision;
            this.hardware = hardware;
            this.rps = rps;
            this.image = image;
        }

        /** The planner's replicas: ceil(demand x (1 + headroom) / throughput per replica). */
        int replicas() {
            return (int) Math.max(1, Math.ceil(Fleet.NEED_RPS / rps));
        }
    }
}
