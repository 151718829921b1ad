package io.modelfleet.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps internal network details (host names, addresses, ports of the endpoints the control plane calls) out of
 * text that reaches the API: failure reasons stored on rollouts, pricing status, problem details. Connection
 * errors' messages are made of exactly those details, so the text says what failed and carries a reference;
 * the full messages of the cause chain are logged at WARN with the same reference for an admin to look up.
 */
public final class WithheldDetails {

    private static final Logger LOG = Logger.getLogger(WithheldDetails.class);
    private static final String HEX = "[0-9A-Fa-f]{1,4}";
    /** Full (eight groups) or compressed ("::") IPv6, not inside a word: times like 12:34:56 do not match. */
    private static final String IPV6 = "(?<![\\w:])(?=[0-9A-Fa-f:]*[0-9A-Fa-f])(?:(?:" + HEX + ":){7}" + HEX
            + "|(?:" + HEX + "(?::" + HEX + ")*)?::(?:" + HEX + "(?::" + HEX + ")*)?)(?![\\w:])";

    private WithheldDetails() {
    }

    /**
     * {@code summary} plus the failure's type and a log reference, e.g. "Kubernetes API unreachable
     * (ConnectException; details in the server log, ref 1f0c9a2e)"; the failure itself is logged with the ref.
     */
    public static String withhold(String summary, Throwable failure) {
        String ref = UUID.randomUUID().toString().substring(0, 8);
        LOG.warnf("%s [ref %s]: %s", summary, ref, chain(failure));
        return summary + " (" + rootType(failure) + "; details in the server log, ref " + ref + ")";
    }

    /**
     * {@code text} from a remote server (a Kubernetes API status message, which may quote an admission webhook's
     * "dial tcp 10.96.0.5:443" or its URL) with URLs and IPv4/IPv6 addresses, and their ports, replaced by
     * placeholders. Names of Kubernetes objects stay: they are what the reader must act on.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+", "<url>")
                .replaceAll("\\[[0-9A-Fa-f:.%]+\\](:\\d+)?", "<address>")
                .replaceAll("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b", "<address>")
                .replaceAll(IPV6, "<address>");
    }

    /** Whether the failure is (or was caused by) an I/O error, whose message names hosts and ports. */
    public static boolean isNetworkFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /** Every message of the cause chain: what an admin needs, without a stack trace per retried call. */
    private static String chain(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null && out.length() < 2000; t = t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
                    .append(t.getMessage());
        }
        return out.toString();
    }

    private static String rootType(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                deepest = t;
            }
        }
        return deepest.getClass().getSimpleName();
    }
}
