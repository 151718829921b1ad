package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Quota;
import java.util.Objects;

/** Which clusters a quota covers: same region and same account (both may be unnamed). */
final class Quotas {

    private Quotas() {
    }

    static boolean applies(Quota quota, Cluster cluster) {
        return quota.region().equals(cluster.region()) && Objects.equals(quota.accountId(), cluster.accountId());
    }

    static String key(Quota quota) {
        return (quota.accountId() == null ? "" : quota.accountId()) + "/" + quota.region() + "/" + quota.code();
    }
}
