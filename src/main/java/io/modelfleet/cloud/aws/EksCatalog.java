package io.modelfleet.cloud.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.Nodegroup;

/** EKS clusters of a region with their managed node groups (ListClusters, DescribeCluster, node groups). */
public class EksCatalog {

    private final AwsClients clients;

    public EksCatalog(AwsClients clients) {
        this.clients = clients;
    }

    /** A cluster as ModelFleet needs it: where its API is, its CA, and its node groups. */
    public record EksCluster(String name, String region, String endpoint, String certificateAuthority,
            List<NodeGroup> nodeGroups) {
    }

    public record NodeGroup(String name, List<String> instanceTypes, String capacityType, int maxSize) {
    }

    public List<EksCluster> clusters(String region) {
        List<EksCluster> out = new ArrayList<>();
        try (EksClient eks = clients.eks(region)) {
            for (String name : eks.listClustersPaginator(b -> { }).clusters()) {
                out.add(describe(eks, region, name));
            }
        }
        return out;
    }

    public EksCluster cluster(String region, String name) {
        try (EksClient eks = clients.eks(region)) {
            return describe(eks, region, name);
        }
    }

    private static EksCluster describe(EksClient eks, String region, String name) {
        Cluster cluster = eks.describeCluster(b -> b.name(name)).cluster();
        List<NodeGroup> groups = new ArrayList<>();
        for (String group : eks.listNodegroupsPaginator(b -> b.clusterName(name)).nodegroups()) {
            Nodegroup ng = eks.describeNodegroup(b -> b.clusterName(name).nodegroupName(group)).nodegroup();
            groups.add(new NodeGroup(ng.nodegroupName(), ng.instanceTypes(), ng.capacityTypeAsString(),
                    ng.scalingConfig() == null || ng.scalingConfig().maxSize() == null ? 0
                            : ng.scalingConfig().maxSize()));
        }
        return new EksCluster(cluster.name(), region, cluster.endpoint(),
                cluster.certificateAuthority() == null ? null : cluster.certificateAuthority().data(), groups);
    }
}
