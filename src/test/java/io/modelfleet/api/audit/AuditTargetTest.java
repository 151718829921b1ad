package io.modelfleet.api.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a request acts on, read from method and path alone; and the text cleaning that keeps every row storable. */
class AuditTargetTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3} {4}")
    @CsvSource(nullValues = "-", value = {
        "PUT,    /api/v1/hardware-profiles/g4dn.xlarge,             hardware-profile, g4dn.xlarge,        put",
        "DELETE, /api/v1/models/resnet50,                           model,            resnet50,           delete",
        "POST,   /api/v1/models/resnet50/variants,                  variant,          -,                  create",
        "PUT,    /api/v1/models/resnet50/variants/7f,               variant,          resnet50/7f,        put",
        "POST,   /api/v1/models/resnet50/variants/7f/benchmarks,    variant,          resnet50/7f,        benchmarks",
        "POST,   /api/v1/models/r/variants/7f/benchmarks/import,    variant,          r/7f,    benchmarks-import",
        "POST,   /api/v1/models/resnet50/variants/7f/verify,        variant,          resnet50/7f,        verify",
        "PUT,    /api/v1/clusters/discover,                         cluster,          discover,           put",
        "POST,   /api/v1/clusters/discover,                         cluster,          -,                  discover",
        "POST,   /api/v1/deployments/resnet-prod/upgrade,           deployment,       resnet-prod,        upgrade",
        "POST,   /api/v1/plans,                                     plan,             -,                  create",
        "POST,   /api/v1/rollouts,                                  rollout,          -,                  create",
        "POST,   /api/v1/rollouts/9a/force-end,                     rollout,          9a,                 force-end",
        "POST,   /api/v1/recommendations/7b/accept,                 recommendation,   7b,                 accept",
        "POST,   /api/v1/recommendations/7b/dismiss,                recommendation,   7b,                 dismiss",
        "POST,   /api/v1/models/r/variants/7f/profiling-runs,       variant,          r/7f,       profiling-runs",
        "POST,   /api/v1/profiling-runs/5c/cancel,                  profiling-run,    5c,                 cancel",
        "POST,   /api/v1/profiling-runs/5c/results,                 profiling-run,    5c,                 results",
        "POST,   /api/v1/tokens,                                    token,            -,                  create",
        "DELETE, /api/v1/tokens/9a,                                 token,            9a,                 revoke",
        "PUT,    /api/v1/quotas/us-east-1/L-DB2E81BA,               quota,            us-east-1/L-DB2E81BA, put",
        "POST,   /api/v1/quotas/refresh,                            quota,            -,                  refresh",
        "POST,   /api/v1/import,                                    catalog,          -,                  import",
        "POST,   /api/v1/pricing/refresh,                           pricing,          -,                  refresh",
        "PATCH,  /api/v1/nothing/here/at-all,                       nothing,          here/at-all,        patch",
        "POST,   /api/v1/,                                          -,                -,                  post",
        "PUT,    /api/v1/models/a%20b%00c,                          model,            a b\u0000c,         put",
    })
    void theTargetIsReadFromMethodAndPath(String method, String path, String kind, String name, String action) {
        assertEquals(new AuditTarget(kind, name, action), AuditTarget.of(method, path));
    }

    @Test
    void nulAndUnpairedSurrogatesAreReplacedAndLongTextIsCutWithoutSplittingAPair() {
        assertEquals("a\uFFFDb\uFFFDc", AuditText.clean("a\u0000b\uD800c", 100));
        assertEquals("\uD83D\uDE00", AuditText.clean("\uD83D\uDE00", 100));
        assertEquals("abcd\u2026", AuditText.clean("abcdefgh", 5));
        // Cutting at 5 would end on the high half of the emoji: the whole pair goes instead.
        assertEquals("abc\u2026", AuditText.clean("abc\uD83D\uDE00fgh", 5));
        assertEquals("abc", AuditText.clean("abc", 3));
    }
}
