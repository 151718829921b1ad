package io.modelfleet.rollout.gitops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where GITOPS targets write ({@code modelfleet.gitops.*}). */
@ConfigMapping(prefix = "modelfleet.gitops")
public interface GitOpsConfig {

    /**
     * Root of the GitOps directories, one folder per cluster, that Argo CD or Flux sync; relative paths are
     * resolved against the working directory.
     */
    @WithDefault(".modelfleet/gitops")
    Path root();
}
