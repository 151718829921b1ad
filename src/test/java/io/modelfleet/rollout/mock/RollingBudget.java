package io.modelfleet.rollout.mock;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * A Deployment's strategy resolved against its desired replicas the way Kubernetes resolves it: maxSurge rounds up,
 * maxUnavailable rounds down, both default to 25%, both zero means maxUnavailable 1, maxUnavailable never exceeds
 * the desired count, and Recreate (or zero replicas) has no surge and no unavailability budget.
 */
record RollingBudget(boolean recreate, int maxSurge, int maxUnavailable) {

    private static final IntOrString DEFAULT = new IntOrString("25%");

    static RollingBudget of(Deployment d) {
        int desired = desiredReplicas(d);
        DeploymentStrategy strategy = d.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return new RollingBudget(true, 0, 0);
        }
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
        String where = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
        int surge = scaled(rolling == null ? null : rolling.getMaxSurge(), desired, true, where + " maxSurge");
        int unavailable = scaled(rolling == null ? null : rolling.getMaxUnavailable(), desired, false,
                where + " maxUnavailable");
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new RollingBudget(false, surge, desired == 0 ? 0 : Math.min(unavailable, desired));
    }

    static int desiredReplicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private static int scaled(IntOrString value, int total, boolean roundUp, String field) {
        IntOrString v = value == null ? DEFAULT : value;
        if (v.getIntVal() != null) {
            return v.getIntVal();
        }
        String s = v.getStrVal();
        if (s == null || !s.endsWith("%")) {
            throw new IllegalArgumentException(field + " must be an integer or a percentage, was " + s);
        }
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        return roundUp ? (percent * total + 99) / 100 : percent * total / 100;
    }
}
