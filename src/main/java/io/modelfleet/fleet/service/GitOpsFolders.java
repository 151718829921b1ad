package io.modelfleet.fleet.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The folder a GITOPS cluster owns under the GitOps root, and the folders that would collide with it. */
final class GitOpsFolders {

    private GitOpsFolders() {
    }

    /** {@code target.directory} or the cluster's name, normalized; "" for the root itself. */
    static String of(String cluster, String directory) {
        return Path.of(directory == null ? cluster : directory).normalize().toString();
    }

    /** The folder and every folder above it up to the root (""): an owner of any of them contains this one. */
    static List<String> selfAndAncestors(String folder) {
        List<String> out = new ArrayList<>();
        out.add(folder);
        for (int slash = folder.lastIndexOf('/'); slash > 0; slash = folder.lastIndexOf('/', slash - 1)) {
            out.add(folder.substring(0, slash));
        }
        if (!folder.isEmpty()) {
            out.add("");
        }
        return out;
    }

    /** How {@code mine} relates to another cluster's {@code theirs}, or null when they do not collide. */
    static String relation(String mine, String theirs) {
        return mine.equals(theirs) ? "is"
                : theirs.isEmpty() || mine.startsWith(theirs + "/") ? "lies inside"
                : mine.isEmpty() || theirs.startsWith(mine + "/") ? "contains" : null;
    }
}
