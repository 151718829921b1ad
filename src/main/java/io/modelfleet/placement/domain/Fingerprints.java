package io.modelfleet.placement.domain;

import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Digests that say whether two proposals are "the same" (design 006, I4, I8). The target: the workload proposed on
 * every changed cluster, without replica counts. The inputs: what a proposal for the deployment is computed from,
 * with prices and demand counted in 5% bands, so that a live spot price moving by a cent does not bring back a
 * recommendation a person dismissed, while a real move of the market, a new variant or benchmark, a changed SLO,
 * consent to plan with estimates, demand, pool or quota does.
 */
final class Fingerprints {

    /** Width of a price or demand band: a change within one is not a change of inputs. */
    static final double BAND = 1.05;

    private Fingerprints() {
    }

    static String target(String deployment, List<ClusterChange> changes) {
        StringBuilder b = new StringBuilder(deployment);
        changes.stream().sorted(Comparator.comparing(ClusterChange::cluster)).forEach(c -> b.append('\n')
                .append(c.cluster()).append('|').append(c.to() == null ? "-" : c.to().variantId() + "|"
                        + c.to().pool() + "|" + c.to().batchSize()));
        return sha256(b.toString());
    }

    static String inputs(String deployment, CatalogSnapshot now) {
        Deployment d = now.deployments().stream().filter(x -> x.name().equals(deployment)).findFirst().orElseThrow();
        StringBuilder b = new StringBuilder();
        b.append(d.model()).append('@').append(d.version()).append(' ').append(d.slo()).append(" allowEstimated ")
                .append(d.allowEstimated()).append('\n');
        d.demand().stream().sorted(Comparator.comparing(Deployment.Demand::cluster)).forEach(x -> b.append("demand ")
                .append(x.cluster()).append(' ').append(band(x.rps())).append('\n'));
        now.variants().stream().filter(v -> v.model().equals(d.model()) && v.version().equals(d.version()))
                .forEach(v -> b.append(v).append('\n'));
        Set<String> hardware = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        for (Deployment.Demand x : d.demand()) {
            now.clusters().stream().filter(c -> c.name().equals(x.cluster())).findFirst().ifPresent(c -> {
                b.append(c).append('\n');
                regions.add(c.region() + "/" + c.accountId());
                c.pools().forEach(p -> hardware.add(p.hardware()));
            });
        }
        for (Hardware h : now.hardware()) {
            if (hardware.contains(h.name())) {
                b.append(h.name()).append(' ').append(h.capacity()).append(' ').append(new TreeSet<>(h.precisions()));
                h.offerings().stream().filter(o -> regions.stream().anyMatch(r -> r.startsWith(o.region() + "/")))
                        .forEach(o -> b.append(' ').append(o.region()).append('/').append(o.capacityType())
                                .append('/').append(band(o.hourlyPriceUsd())).append('/').append(o.available()));
                b.append('\n');
            }
        }
        now.quotas().stream().filter(q -> regions.contains(q.region() + "/" + q.accountId()))
                .forEach(q -> b.append(q).append('\n'));
        // What runs, not how it is doing: replicas follow demand (already counted in bands) and an at-risk reason
        // carries live figures; only whether it is at risk is an input.
        now.running().stream().filter(r -> r.deployment().equals(deployment)).forEach(r -> b.append("runs ")
                .append(r.cluster()).append(' ').append(r.variantId()).append(' ').append(r.pool()).append(' ')
                .append(r.batchSize()).append(' ').append(r.atRisk()).append('\n'));
        now.reservations().stream().filter(r -> d.demand().stream().anyMatch(x -> Objects.equals(x.cluster(),
                r.cluster()))).forEach(r -> b.append(r).append('\n'));
        return sha256(b.toString());
    }

    /** The 5% band a positive amount falls in. */
    static long band(double amount) {
        return amount <= 0 ? Long.MIN_VALUE : (long) Math.floor(Math.log(amount) / Math.log(BAND));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
