package io.modelfleet.api.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What a mutating request under {@code /api/v1} acts on, read from its method and path alone, so that a refused
 * request (which never reached a service) is described as well as a successful one.
 * <p>
 * Kinds are singular ({@code hardware-profile}, {@code variant}, ...). A variant is named {@code model/id} and a
 * quota {@code region/code}, since neither part alone identifies it. The action is {@code put} or {@code delete}
 * for the named resources (the revisions tell a create from a replace), {@code create} for a POST to a collection,
 * {@code revoke} for a token DELETE, and otherwise the verb the path ends with: {@code pause}, {@code resume},
 * {@code abort}, {@code force-end}, {@code accept}, {@code dismiss}, {@code upgrade}, {@code benchmarks}, {@code verify}, {@code discover},
 * {@code profiling-runs} (a variant's run created), {@code cancel} and {@code results} (a profiling run's),
 * {@code refresh}, {@code import}. The name of something a POST creates is not in the path; the recorder takes it
 * from the response's {@code Location}.
 *
 * @param kind null when the path names no known collection
 * @param name null for collection-wide actions (import, refresh, discover, create before the id is known)
 */
public record AuditTarget(String kind, String name, String action) {

    static final String PREFIX = "/api/v1/";

    /** From the raw (percent-encoded) request path; segments are decoded. */
    static AuditTarget of(String method, String rawPath) {
        String rest = rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : "";
        List<String> s = Arrays.stream(rest.split("/", -1)).filter(p -> !p.isEmpty()).map(AuditTarget::decode)
                .toList();
        String verb = method.toLowerCase(java.util.Locale.ROOT);
        if (s.isEmpty()) {
            return new AuditTarget(null, null, verb);
        }
        return switch (s.get(0)) {
            case "hardware-profiles" -> named("hardware-profile", s, verb);
            case "clusters" -> named("cluster", s, verb);
            case "deployments" -> named("deployment", s, verb);
            case "models" -> s.size() >= 3 && s.get(2).equals("variants") ? variant(s, verb) : named("model", s, verb);
            case "quotas" -> s.size() == 3 ? new AuditTarget("quota", s.get(1) + "/" + s.get(2), verb)
                    : named("quota", s, verb);
            case "plans" -> created("plan", s, verb);
            case "rollouts" -> created("rollout", s, verb);
            case "recommendations" -> created("recommendation", s, verb);
            case "profiling-runs" -> created("profiling-run", s, verb);
            case "tokens" -> s.size() == 2 && verb.equals("delete") ? new AuditTarget("token", s.get(1), "revoke")
                    : created("token", s, verb);
            case "import" -> new AuditTarget("catalog", null, "import");
            case "pricing" -> new AuditTarget("pricing", null, verbAfter(s, 1, verb));
            default -> new AuditTarget(s.get(0), s.size() > 1 ? String.join("/", s.subList(1, s.size())) : null,
                    verb);
        };
    }

    /** A resource created and replaced by PUT on its name; a POST on {@code collection/x} is the verb x. */
    private static AuditTarget named(String kind, List<String> s, String verb) {
        if (s.size() == 1) {
            return new AuditTarget(kind, null, verb);
        }
        if (s.size() == 2 && verb.equals("post")) {
            return new AuditTarget(kind, null, s.get(1));
        }
        return new AuditTarget(kind, s.get(1), verbAfter(s, 2, verb));
    }

    /** A resource created by POST on its collection and then addressed by the id the server gave it. */
    private static AuditTarget created(String kind, List<String> s, String verb) {
        if (s.size() == 1) {
            return new AuditTarget(kind, null, verb.equals("post") ? "create" : verb);
        }
        return new AuditTarget(kind, s.get(1), verbAfter(s, 2, verb));
    }

    private static AuditTarget variant(List<String> s, String verb) {
        if (s.size() == 3) {
            return new AuditTarget("variant", null, verb.equals("post") ? "create" : verb);
        }
        return new AuditTarget("variant", s.get(1) + "/" + s.get(3), verbAfter(s, 4, verb));
    }

    /** The path's trailing verb segments joined by '-' ({@code benchmarks/import} is {@code benchmarks-import}). */
    private static String verbAfter(List<String> s, int from, String verb) {
        return s.size() > from ? String.join("-", s.subList(from, s.size())) : verb;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
