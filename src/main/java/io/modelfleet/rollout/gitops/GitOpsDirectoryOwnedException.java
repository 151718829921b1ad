package io.modelfleet.rollout.gitops;

/**
 * A cluster tried to write a GitOps folder that another cluster owns (or that lies inside or around one):
 * writing on would mix two clusters' objects in what Argo CD or Flux syncs to one of them. Not retryable.
 */
public final class GitOpsDirectoryOwnedException extends IllegalStateException {

    private final String owner;
    private final String cluster;

    GitOpsDirectoryOwnedException(String detail, String owner, String cluster) {
        super(detail);
        this.owner = owner;
        this.cluster = cluster;
    }

    /** The cluster that owns the folder. */
    public String owner() {
        return owner;
    }

    /** The cluster that was refused. */
    public String cluster() {
        return cluster;
    }
}
