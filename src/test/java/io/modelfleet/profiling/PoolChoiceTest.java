package io.modelfleet.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.profiling.domain.PoolChoice;
import io.modelfleet.profiling.domain.PoolChoice.Candidate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolChoiceTest {

    private static Candidate pool(String cluster, String pool, TargetType type) {
        return new Candidate(cluster, pool, "c6i.xlarge", type, CapacityType.ON_DEMAND);
    }

    @Test
    void aKubernetesClusterWinsOverAGitOpsOneWhateverTheNames() {
        assertEquals(Optional.of(pool("zz-prod", "cpu", TargetType.KUBERNETES)), PoolChoice.choose(List.of(
                pool("aa-gitops", "cpu", TargetType.GITOPS), pool("zz-prod", "cpu", TargetType.KUBERNETES))));
    }

    @Test
    void amongTheSameTargetTypeTheClusterNameThenThePoolNameDecide() {
        List<Candidate> pools = List.of(pool("b", "a-pool", TargetType.KUBERNETES),
                pool("a", "z-pool", TargetType.KUBERNETES), pool("a", "m-pool", TargetType.KUBERNETES));
        assertEquals(Optional.of(pool("a", "m-pool", TargetType.KUBERNETES)), PoolChoice.choose(pools));
        assertEquals(PoolChoice.choose(pools), PoolChoice.choose(List.of(pools.get(2), pools.get(1), pools.get(0))),
                "the order given does not matter");
        assertEquals(Optional.empty(), PoolChoice.choose(List.of()));
    }
}
