package io.modelfleet.analysis.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the checks that apply to a step: requests, p99 and errorRatio always (NOT_APPLICABLE when the workload
 * exports no request outcomes and the deployment's {@code analysis.errorRatio} is OPTIONAL); availability for
 * GITOPS.
 */
public final class Checks {

    private Checks() {
    }

    /** The runtime is the target's, else the settings', else OPENMETRICS (the generic histogram). */
    public static List<Check> forTarget(AnalysisTarget target, AnalysisSettings settings) {
        QueryRuntime runtime = target.runtime() != null ? target.runtime()
                : settings.runtime() != null ? settings.runtime() : QueryRuntime.OPENMETRICS;
        QueryTemplates templates = QueryTemplates.of(runtime);
        QueryVariables variables = QueryVariables.of(target, settings.window());
        List<Check> checks = new ArrayList<>(List.of(
                new Check(Check.REQUESTS, variables.render(templates.requests())),
                new Check(Check.P99, variables.render(templates.p99Ms())),
                new Check(Check.ERROR_RATIO, variables.render(templates.errorRatio()), templates.errorsAbsent(),
                        settings.errorRatio() == ErrorRatioPolicy.OPTIONAL)));
        if (target.gitops()) {
            checks.add(new Check(Check.AVAILABILITY, variables.render(QueryTemplates.AVAILABILITY)));
        }
        return checks;
    }
}
