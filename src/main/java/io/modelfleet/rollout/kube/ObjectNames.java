package io.modelfleet.rollout.kube;

import io.modelfleet.catalog.domain.Precision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of the objects ModelFleet owns. A Kubernetes Deployment is named from deployment + precision + hardware,
 * so a new version on the same hardware and precision updates it in place, while another hardware or precision
 * gets a Deployment of its own beside the old one.
 */
public final class ObjectNames {

    private static final int MAX = 63;

    private ObjectNames() {
    }

    public static String workload(String deployment, Precision precision, String hardware) {
        return dns1123(deployment + "-" + precision.name().toLowerCase(Locale.ROOT) + "-" + hardware);
    }

    public static String service(String deployment) {
        return dns1123(deployment);
    }

    /** Lowercase, dots to dashes, and a hash suffix when longer than 63 characters, so names stay unique. */
    static String dns1123(String raw) {
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-")
                .replaceAll("^-|-$", "");
        if (name.length() <= MAX) {
            return name;
        }
        String hash = sha256(raw).substring(0, 8);
        return name.substring(0, MAX - 9).replaceAll("-$", "") + "-" + hash;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
