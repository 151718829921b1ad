package io.modelfleet.rollout.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * The identity of a pod template, standing in for Kubernetes' pod-template-hash: a digest of the template's JSON
 * with map keys sorted, so the same template read back in another key order is still the same ReplicaSet.
 */
final class PodTemplateHash {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PodTemplateHash() {
    }

    static PodTemplateSpec copy(PodTemplateSpec template) {
        return CANONICAL.convertValue(template, PodTemplateSpec.class);
    }

    static String of(PodTemplateSpec template) {
        try {
            Map<?, ?> tree = template == null ? Map.of() : CANONICAL.convertValue(template, Map.class);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsString(tree)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (Exception e) {
            throw new IllegalStateException("pod template cannot be hashed: " + e.getMessage(), e);
        }
    }
}
