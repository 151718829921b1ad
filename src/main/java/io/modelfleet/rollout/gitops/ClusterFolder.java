package io.modelfleet.rollout.gitops;

/**
 * A cluster's folder under the GitOps root: the cluster that owns it and its path relative to the root
 * ({@code target.directory}, by default the cluster's name). The name is what keeps two clusters out of one
 * folder.
 */
public record ClusterFolder(String cluster, String directory) {

    public ClusterFolder {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("a GitOps cluster folder needs the cluster's name");
        }
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("cluster '" + cluster + "' has no GitOps directory");
        }
    }

    /** The default layout: the folder named after the cluster. */
    public static ClusterFolder named(String cluster) {
        return new ClusterFolder(cluster, cluster);
    }
}
