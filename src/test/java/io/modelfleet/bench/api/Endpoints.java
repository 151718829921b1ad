package io.modelfleet.bench.api;

import java.util.List;

/** The operations the benchmark measures, each with its equivalent SQL. */
final class Endpoints {

    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Endpoints() {
    }

    static String profileBody(String name, String price) {
        return """
                {"name":"%s","accelerator":"NVIDIA_T4","acceleratorCount":1,"acceleratorMemoryGiB":16,\
                "resourceName":"nvidia.com/gpu","vcpus":4,"memoryGiB":16,"precisions":["FP32","FP16","INT8"],\
                "taints":[{"key":"nvidia.com/gpu","value":"true","effect":"NoSchedule"}],\
                "offerings":[{"region":"us-east-1","capacityType":"ON_DEMAND","hourlyPriceUsd":%s}]}"""
                .formatted(name, price);
    }

    static String variantBody(String version) {
        return """
                {"version":"%s","precision":"INT8","compression":["QUANTIZATION"],\
                "artifactUri":"s3://bench/resnet50-int8.onnx","artifactSha256":"%s","sizeBytes":25000000,\
                "format":"ONNX","image":"nvcr.io/nvidia/tritonserver:24.01-py3","accuracy":75.9,\
                "benchmarks":[{"hardware":"bench-gpu","batchSize":8,"p99LatencyMs":7.1,"throughputRps":1800,\
                "acceleratorsPerReplica":1,"vcpusPerReplica":2,"memoryGiBPerReplica":4,"source":"MEASURED"}]}"""
                .formatted(version, SHA);
    }

    static String clusterBody(String name) {
        return """
                {"name":"%s","region":"us-east-1","target":{"type":"GITOPS"},\
                "nodePools":[{"name":"t4","hardware":"bench-gpu","capacityType":"ON_DEMAND","maxNodes":10}]}"""
                .formatted(name);
    }

    static String deploymentBody(String name) {
        return """
                {"name":"%s","model":"bench-model","version":"1.0.0",\
                "slo":{"p99LatencyMs":20,"minAccuracy":75.0,"minReplicas":1,"headroom":0.0},\
                "demand":[{"cluster":"bench-cluster","rps":5000}]}""".formatted(name);
    }

    static List<Endpoint> all() {
        return List.of(
                new Endpoint("variant-create", Endpoint.Kind.WRITE, "POST", "/api/v1/models/bench-model/variants",
                        variantBody("v-{key}"), """
                        BEGIN;
                        INSERT INTO variant (id, model_id, model_version, precision, compression, compression_key,
                          artifact_uri, artifact_sha256, size_bytes, format, image, accuracy, revision, created_at,
                          updated_at)
                          VALUES (gen_random_uuid(), :model_id, 'pg-' || md5(random()::text), 'INT8', '["QUANTIZATION"]',
                          'QUANTIZATION', 's3://bench/resnet50-int8.onnx', '%s', 25000000, 'ONNX',
                          'nvcr.io/nvidia/tritonserver:24.01-py3', 75.9, 1, now(), now()) RETURNING id AS vid \\gset
                        INSERT INTO benchmark (variant_id, hardware_profile_id, batch_size, p99_latency_ms, throughput_rps,
                          accelerators_per_replica, vcpus_per_replica, memory_gib_per_replica, source, position)
                          VALUES (:vid, :hw_id, 8, 7.1, 1800, 1, 2, 4, 'MEASURED', 0);
                        END;
                        """.formatted(SHA)),
                new Endpoint("profile-create", Endpoint.Kind.WRITE, "PUT", "/api/v1/hardware-profiles/hp-{key}",
                        profileBody("hp-{key}", "0.526"), """
                        BEGIN;
                        INSERT INTO hardware_profile (name, accelerator, accelerator_count, accelerator_memory_gib,
                          resource_name, vcpus, memory_gib, precisions, node_labels, taints, revision, created_at,
                          updated_at)
                          VALUES ('pg-' || md5(random()::text), 'NVIDIA_T4', 1, 16, 'nvidia.com/gpu', 4, 16,
                          '["FP32","FP16","INT8"]', '{"node.kubernetes.io/instance-type":"g4dn.xlarge"}',
                          '[{"key":"nvidia.com/gpu","value":"true","effect":"NoSchedule"}]', 1, now(), now())
                          RETURNING id AS pid \\gset
                        INSERT INTO offering (hardware_profile_id, region, capacity_type, hourly_price_usd, price_source,
                          price_updated_at) VALUES (:pid, 'us-east-1', 'ON_DEMAND', 0.526, 'STATIC', now());
                        END;
                        """),
                new Endpoint("profile-replace", Endpoint.Kind.WRITE, "PUT", "/api/v1/hardware-profiles/rep-{slot}",
                        profileBody("rep-{slot}", "0.{n}1"), """
                        \\set id :rep_first + random(0, 255)
                        BEGIN;
                        UPDATE hardware_profile SET revision = revision + 1, updated_at = now() WHERE id = :id;
                        UPDATE offering SET hourly_price_usd = 0.1 + random(), price_updated_at = now()
                          WHERE hardware_profile_id = :id;
                        END;
                        """),
                new Endpoint("model-create", Endpoint.Kind.WRITE, "PUT", "/api/v1/models/m-{key}",
                        "{\"name\":\"m-{key}\",\"task\":\"image-classification\",\"accuracyMetric\":\"top1\"}", """
                        INSERT INTO model (name, task, accuracy_metric, revision, created_at, updated_at)
                          VALUES ('pg-' || md5(random()::text), 'image-classification', 'top1', 1, now(), now());
                        """),
                new Endpoint("cluster-create", Endpoint.Kind.WRITE, "PUT", "/api/v1/clusters/c-{key}",
                        clusterBody("c-{key}"), """
                        BEGIN;
                        INSERT INTO cluster (name, region, target, revision, created_at, updated_at)
                          VALUES ('pg-' || md5(random()::text), 'us-east-1', '{"type":"GITOPS"}', 1, now(), now())
                          RETURNING id AS cid \\gset
                        INSERT INTO node_pool (cluster_id, name, hardware_profile_id, capacity_type, max_nodes, position)
                          VALUES (:cid, 't4', :hw_id, 'ON_DEMAND', 10, 0);
                        END;
                        """),
                new Endpoint("deployment-create", Endpoint.Kind.WRITE, "PUT", "/api/v1/deployments/d-{key}",
                        deploymentBody("d-{key}"), """
                        BEGIN;
                        INSERT INTO model_deployment (name, model_id, model_version, p99_latency_ms, min_accuracy,
                          min_replicas, headroom, revision, created_at, updated_at)
                          VALUES ('pg-' || md5(random()::text), :model_id, '1.0.0', 20, 75, 1, 0, 1, now(), now())
                          RETURNING id AS did \\gset
                        INSERT INTO deployment_demand (deployment_id, cluster_id, rps, position)
                          VALUES (:did, :cluster_id, 5000, 0);
                        END;
                        """),
                new Endpoint("profile-get", Endpoint.Kind.READ, "GET", "/api/v1/hardware-profiles/bench-gpu", null, """
                        SELECT * FROM hardware_profile WHERE name = 'bench-gpu';
                        SELECT * FROM offering WHERE hardware_profile_id = :hw_id;
                        """),
                new Endpoint("variant-get", Endpoint.Kind.READ, "GET",
                        "/api/v1/models/bench-model/variants/{variant}", null, """
                        SELECT v.*, m.name FROM variant v JOIN model m ON m.id = v.model_id
                          WHERE v.id = :variant_id AND m.name = 'bench-model';
                        SELECT b.*, h.name FROM benchmark b JOIN hardware_profile h ON h.id = b.hardware_profile_id
                          WHERE b.variant_id = :variant_id ORDER BY b.position;
                        """),
                new Endpoint("cluster-get", Endpoint.Kind.READ, "GET", "/api/v1/clusters/bench-cluster", null, """
                        SELECT * FROM cluster WHERE name = 'bench-cluster';
                        SELECT p.*, h.name FROM node_pool p JOIN hardware_profile h ON h.id = p.hardware_profile_id
                          WHERE p.cluster_id = :cluster_id ORDER BY p.position;
                        """),
                new Endpoint("deployment-get", Endpoint.Kind.READ, "GET", "/api/v1/deployments/bench-deployment", null,
                        """
                        SELECT d.*, m.name FROM model_deployment d JOIN model m ON m.id = d.model_id
                          WHERE d.name = 'bench-deployment';
                        SELECT x.*, c.name FROM deployment_demand x JOIN cluster c ON c.id = x.cluster_id
                          WHERE x.deployment_id = :deployment_id ORDER BY x.position;
                        """));
    }
}
