package io.modelfleet.planning;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last evaluation decided for each unit (a cluster, or the clusters one quota couples), keyed by a digest
 * of everything the solver read for it: a unit whose digest is unchanged is not solved again (design 006,
 * "Evaluations"). A price change in one region so re-solves only the units with a pool there. Only completed solves
 * are kept, so a unit cut by the deadline is tried again next time. Safe to share between threads; one cache per
 * evaluator (the lease holder's), dropped when it loses the lease.
 */
public final class UnitCache {

    private final Map<String, Entry> units = new ConcurrentHashMap<>();

    public UnitCache() {
    }

    /** A unit's decisions: per pair (deployment + newline + cluster) its proposed and kept choice. */
    record Entry(String digest, Map<String, Choice> proposed, Map<String, Choice> kept, boolean optimal) {
    }

    Entry reusable(String unit, String digest) {
        Entry e = units.get(unit);
        return e != null && e.digest().equals(digest) ? e : null;
    }

    void put(String unit, Entry entry) {
        units.put(unit, entry);
    }

    /** Forgets units no longer in the fleet, so the cache never outgrows it. */
    void retainOnly(java.util.Collection<String> present) {
        units.keySet().retainAll(java.util.Set.copyOf(present));
    }

    public int size() {
        return units.size();
    }
}
