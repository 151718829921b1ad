-- Each GITOPS cluster owns one folder under the GitOps root, and no two folders may nest. PUT /clusters checked
-- that by reading every other cluster's target, so its cost grew with the fleet. The normalized folder now has
-- its own column ('' is the root; NULL for clusters that are not GITOPS) with an index in byte order (COLLATE
-- "C"), so the check is an equality lookup for the folder and its ancestors plus one range scan for the folders
-- inside it, whatever the number of clusters.
ALTER TABLE cluster ADD COLUMN gitops_directory TEXT;

-- The same normalization as java.nio.file.Path.normalize() for the paths ClusterRules admits (relative, no '..'):
-- repeated slashes collapse, '.' segments go, no leading or trailing slash; the cluster's name when no directory.
UPDATE cluster
   SET gitops_directory = btrim(regexp_replace(regexp_replace('/' || COALESCE(NULLIF(target ->> 'directory', ''),
                                                                             name) || '/', '/+', '/', 'g'),
                                               '/(\./)+', '/', 'g'), '/')
 WHERE target ->> 'type' = 'GITOPS';

CREATE INDEX cluster_gitops_directory_idx ON cluster (gitops_directory COLLATE "C")
    WHERE gitops_directory IS NOT NULL;
