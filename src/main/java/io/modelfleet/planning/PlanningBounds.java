package io.modelfleet.planning;

/**
 * The largest inputs the planner is built for. The API refuses anything beyond them (so a catalog written through
 * it stays inside), and the planner itself rejects options beyond them whatever the catalog holds, so that:
 * <ul>
 * <li>the solver's objective stays inside 64 bits: one pool costs at most
 * {@link #MAX_HOURLY_PRICE_MICROS} x {@link #MAX_NODES_PER_POOL} = 10^14 micro-dollars an hour, and a unit whose
 * objective could still overflow (tens of thousands of such pools and pairs) is reported unplaced instead;</li>
 * <li>every count the model holds (replicas, nodes, replicas per node) is far inside an {@code int};</li>
 * <li>node-pattern enumeration and the node-by-node fallback stay small: at most {@link #MAX_NODES_PER_POOL}
 * nodes per pool and {@link #MAX_PATTERN_SEARCH_STEPS} search steps per pool.</li>
 * </ul>
 */
public final class PlanningBounds {
    // At every bound at once (pools of 10,000 needed nodes at 10,000 USD) 2^58 still holds 32 pools with 32 pairs
    // in one unit; at 10 USD and the 100 nodes a demand typically needs, a million times more.

    /** USD per hour of one node; the most expensive EC2 instance costs about 100. */
    public static final double MAX_HOURLY_PRICE_USD = 10_000;
    public static final long MAX_HOURLY_PRICE_MICROS = 10_000_000_000L;
    /** Nodes of one pool; larger pools are considered up to this many. */
    public static final int MAX_NODES_PER_POOL = 10_000;
    /** Replicas of one deployment on one cluster. */
    public static final int MAX_REPLICAS = 1_000_000;
    public static final int MAX_VCPUS_PER_NODE = 4_096;
    public static final double MAX_MEMORY_GIB_PER_NODE = 65_536;
    public static final int MAX_ACCELERATORS_PER_NODE = 64;
    public static final double MAX_ACCELERATOR_MEMORY_GIB = 1_024;
    /** The smallest per-replica vCPUs and memory: below one millicore or one MiB a replica rounds to nothing. */
    public static final double MIN_VCPUS_PER_REPLICA = 0.001;
    public static final double MIN_MEMORY_GIB_PER_REPLICA = 0.001;
    /** Requests per second: of a demand, and of one replica's throughput. */
    public static final double MAX_RPS = 10_000_000;
    public static final double MAX_LATENCY_MS = 3_600_000;
    public static final double MAX_HEADROOM = 100;
    /** Steps of one pool's node-pattern search before it falls back to the node-by-node model. */
    public static final long MAX_PATTERN_SEARCH_STEPS = 200_000;
    /**
     * The solver's objective (BIG x pairs + cost) must stay below this. CP-SAT refuses a model as invalid well
     * before int64 once presolve has rewritten it: measured here, 4e17 solved and 1.2e18 was refused; 2^58 keeps a
     * margin below both.
     */
    public static final long MAX_OBJECTIVE = 1L << 58;
    /**
     * After the time limit, baselines and exact alternative costs get at most this much more time (each solve then
     * gets 50 ms); solves that would start later are skipped and reported as cut by the time limit. A short limit
     * gets a proportionate grace ({@link #GRACE_SHARE} of it): a flat second would be 50% over a 2 s limit.
     */
    public static final long GRACE_MILLIS = 1_000;
    public static final double GRACE_SHARE = 0.02;

    private PlanningBounds() {
    }
}
