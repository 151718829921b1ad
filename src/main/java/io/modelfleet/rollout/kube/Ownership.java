package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * Whether an object is ModelFleet's to change: it carries the managed-by label ModelFleet writes and the label of
 * the deployment it belongs to. Anything else of the same name — created by a person, a chart, another deployment —
 * is left alone.
 */
public final class Ownership {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String DEPLOYMENT_LABEL = "modelfleet.io/deployment";

    private Ownership() {
    }

    public static boolean ownedBy(HasMetadata live, String deployment) {
        Map<String, String> labels = live.getMetadata().getLabels();
        return labels != null && ManifestRenderer.MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL))
                && deployment.equals(labels.get(DEPLOYMENT_LABEL));
    }

    /** How the conflict reads to a user: which object, and what labels it has instead. */
    public static String conflict(HasMetadata live, String deployment) {
        Map<String, String> labels = live.getMetadata().getLabels();
        return live.getKind() + " " + live.getMetadata().getNamespace() + "/" + live.getMetadata().getName()
                + " exists and was not created by ModelFleet for deployment '" + deployment + "' (its "
                + MANAGED_BY_LABEL + " is " + (labels == null ? null : labels.get(MANAGED_BY_LABEL)) + ", its "
                + DEPLOYMENT_LABEL + " is " + (labels == null ? null : labels.get(DEPLOYMENT_LABEL))
                + "); ModelFleet does not take over objects it did not create: rename or delete it";
    }
}
