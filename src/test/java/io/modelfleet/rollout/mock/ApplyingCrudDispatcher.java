package io.modelfleet.rollout.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Fabric8 CRUD mock server with what a real API server adds and the mock lacks: server-side apply (create
 * when absent, merge when present), metadata.generation that moves only when the spec changes, pod logs (the text a
 * test controller stored, as a kubelet would serve it), a log of the requests, and faults injected on demand
 * ({@link Fault}: error statuses, timeouts, late answers, resets).
 *
 * <p>Every request that reaches the server gets a 0-based index, counted from the last {@link #resetFaults()};
 * {@link #failAt(int, Fault)} and {@link #failWhen(Predicate, Fault, int)} pick requests by it or by what they are.
 * The test controller reads and writes the store directly ({@link #storedDeployments()}), so its work is neither
 * counted, logged nor faulted: indices and faults are about the code under test only.
 */
public final class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    /** Long enough that a client with {@link MockCluster#REQUEST_TIMEOUT} has given up well before. */
    static final Duration LATE = MockCluster.REQUEST_TIMEOUT.multipliedBy(3);

    private static final Pattern POD_LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?");

    private final List<RecordedCall> log = new CopyOnWriteArrayList<>();
    private final Map<String, String> podLogs = new ConcurrentHashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private int nextIndex;
    private Runnable resetConnections = () -> { };

    /** Answer the next {@code times} requests of {@code method} whose path contains {@code pathPart} with {@code code}. */
    public void fail(String method, String pathPart, int code, int times) {
        failWhen(r -> r.method().equals(method) && r.path().contains(pathPart), Fault.status(code), times);
    }

    /** Answer the request with index {@code index} (since the last {@link #resetFaults()}) with {@code fault}. */
    public synchronized void failAt(int index, Fault fault) {
        rules.add(new Rule(r -> r.index() == index, fault, 1));
    }

    /** Answer the next {@code times} requests that match {@code which} with {@code fault}; earlier rules go first. */
    public synchronized void failWhen(Predicate<RecordedCall> which, Fault fault, int times) {
        if (times > 0) {
            rules.add(new Rule(which, fault, times));
        }
    }

    /** Drops every pending fault and counts requests from 0 again. */
    public synchronized void resetFaults() {
        rules.clear();
        nextIndex = 0;
    }

    /** The requests received, as "METHOD path content-type" (without index, kept for older assertions). */
    public List<String> requests() {
        return log.stream().map(r -> r.method() + " " + r.path() + (r.contentType() == null ? "" : " "
                + r.contentType())).toList();
    }

    /** The requests received, with index and the fault each was answered with. */
    public List<RecordedCall> log() {
        return List.copyOf(log);
    }

    public void clearRequests() {
        log.clear();
    }

    /** What a {@link Fault#RESET} does; the cluster points it at the relay the client connects through. */
    void onReset(Runnable resetConnections) {
        this.resetConnections = resetConnections;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        RecordedCall call = admit(request);
        Fault fault = call.fault();
        if (fault != null && fault.kind() != Fault.Kind.LATE_ANSWER) {
            return injected(call, fault);
        }
        MockResponse response = answer(request, call.contentType());
        if (fault != null && response.getBody() != null && response.getBody().size() > 0) {
            response.setBodyDelay(LATE);
        }
        return response;
    }

    private MockResponse answer(RecordedRequest request, String contentType) {
        if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.contains("apply-patch")) {
            return apply(request);
        }
        Matcher podLog = POD_LOG.matcher(request.getPath());
        if ("GET".equals(request.getMethod()) && podLog.matches()) {
            return podLog(podLog.group(1), podLog.group(2), podLog.group(3));
        }
        return super.dispatch(request);
    }

    /** What GET .../pods/{pod}/log answers from now on (a kubelet's view of the pod's containers' output). */
    public void storePodLog(String namespace, String pod, String text) {
        podLogs.put(namespace + "/" + pod, text);
    }

    /** The stored text, its last {@code tailLines} lines when asked; 404 as for a pod that never ran. */
    private MockResponse podLog(String namespace, String pod, String query) {
        String text = podLogs.get(namespace + "/" + pod);
        if (text == null) {
            return status(404, "pods \"" + pod + "\" not found or has no log", new RecordedCall(-1, "GET", pod, null,
                    "", null));
        }
        Matcher tail = Pattern.compile("(?:^|&)tailLines=(\\d+)").matcher(query == null ? "" : query);
        if (tail.find()) {
            String[] lines = text.split("\n", -1);
            int keep = Integer.parseInt(tail.group(1));
            int trailing = text.endsWith("\n") ? 1 : 0;
            int from = Math.max(0, lines.length - trailing - keep);
            text = String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(text);
    }

    /** Every stored object of a collection (e.g. {@code /apis/batch/v1/jobs}), read without a request. */
    public <T extends HasMetadata> List<T> stored(String collection,
            Class<? extends KubernetesResourceList<T>> listType) {
        return KUBE.unmarshal(handleGet(collection).getBody().readUtf8(), listType).getItems();
    }

    /**
     * Creates {@code object} at {@code collection} and then writes its status (the create drops it), without a
     * request: what a controller (a kubelet, the Job controller) writes.
     */
    public void storeCreated(String collection, HasMetadata object) {
        try {
            MockResponse created = handleCreate(request(HttpMethod.POST, collection,
                    JSON.readTree(KUBE.asJson(object))));
            if (created.code() >= 300) {
                throw new IllegalStateException("answered " + created.code() + ": " + created.getBody().readUtf8());
            }
            storeObjectStatus(collection + "/" + object.getMetadata().getName(), object);
        } catch (Exception e) {
            throw new IllegalStateException("could not store " + describe(object) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code object}'s status onto the stored object at {@code path}, read again just before so that nothing
     * written since is overwritten; an object deleted meanwhile stays deleted.
     */
    public <T extends HasMetadata> void storeObjectStatus(String path, T object) {
        MockResponse current = handleGet(path);
        if (current.code() != 200) {
            return;
        }
        try {
            ObjectNode stored = (ObjectNode) JSON.readTree(current.getBody().readUtf8());
            JsonNode status = JSON.readTree(KUBE.asJson(object)).get("status");
            if (status == null) {
                return;
            }
            stored.set("status", status);
            MockResponse written = handleUpdate(request(HttpMethod.PUT, path + "/status", stored));
            if (written.code() >= 300 && written.code() != 404 && written.code() != 409) {
                throw new IllegalStateException("answered " + written.code() + ": " + written.getBody().readUtf8());
            }
        } catch (Exception e) {
            throw new IllegalStateException("status of " + path + " could not be stored: " + e.getMessage(), e);
        }
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    /** Numbers and logs the request and decides, under one lock, which fault (if any) answers it. */
    private synchronized RecordedCall admit(RecordedRequest request) {
        RecordedCall seen = new RecordedCall(nextIndex++, request.getMethod(), request.getPath(),
                request.getHeader("Content-Type"), body(request), null);
        Fault fault = null;
        for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
            Rule rule = it.next();
            if (rule.which().test(seen)) {
                fault = rule.fault();
                rule.left--;
                if (rule.left == 0) {
                    it.remove();
                }
                break;
            }
        }
        RecordedCall call = new RecordedCall(seen.index(), seen.method(), seen.path(), seen.contentType(),
                seen.body(), fault);
        log.add(call);
        return call;
    }

    private static String body(RecordedRequest request) {
        // getBytes, not readUtf8: reading would drain the body the CRUD handlers read after us.
        return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private MockResponse injected(RecordedCall call, Fault fault) {
        switch (fault.kind()) {
            case RESET -> {
                resetConnections.run();
                return status(504, "the connection was reset", call).setBodyDelay(LATE);
            }
            case TIMEOUT -> {
                return status(504, "no answer in time", call).setBodyDelay(LATE);
            }
            default -> {
                MockResponse response = status(fault.code(), "injected by the test", call);
                return fault.code() == 429 ? response.setHeader("Retry-After", "0") : response;
            }
        }
    }

    private static MockResponse status(int code, String why, RecordedCall call) {
        ObjectNode body = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Status")
                .put("status", "Failure").put("code", code).put("reason", reason(code))
                .put("message", why + " (request #" + call.index() + " " + call.method() + " " + call.path() + ")");
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }

    private static String reason(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "Unknown";
        };
    }

    /** Every Deployment in the store, read without a request. */
    List<Deployment> storedDeployments() {
        MockResponse list = handleGet("/apis/apps/v1/deployments");
        return KUBE.unmarshal(list.getBody().readUtf8(), DeploymentList.class).getItems();
    }

    /**
     * Writes {@code status} onto the stored {@code namespace/name}, read again just before so that nothing written
     * since (a new spec) is overwritten; a Deployment deleted meanwhile stays deleted.
     */
    void storeStatus(String namespace, String name, DeploymentStatus status) {
        String path = "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name;
        MockResponse current = handleGet(path);
        if (current.code() != 200) {
            return;
        }
        Deployment d = KUBE.unmarshal(current.getBody().readUtf8(), Deployment.class);
        d.setStatus(status);
        try {
            MockResponse written = handleUpdate(request(HttpMethod.PUT, path + "/status", JSON.readTree(KUBE.asJson(d))));
            if (written.code() >= 300 && written.code() != 404 && written.code() != 409) {
                throw new IllegalStateException("answered " + written.code() + ": " + written.getBody().readUtf8());
            }
        } catch (Exception e) {
            throw new IllegalStateException("status of " + namespace + "/" + name + " could not be stored: "
                    + e.getMessage(), e);
        }
    }

    private MockResponse apply(RecordedRequest request) {
        try {
            String path = request.getPath().split("\\?")[0];
            JsonNode patch = YAML.readTree(request.getUtf8Body());
            MockResponse current = handleGet(path);
            if (current.code() == 404) {
                ((ObjectNode) patch.get("metadata")).put("generation", 1);
                String collection = path.substring(0, path.lastIndexOf('/'));
                return handleCreate(request(HttpMethod.POST, collection, patch));
            }
            JsonNode existing = JSON.readTree(current.getBody().readUtf8());
            ObjectNode merged = (ObjectNode) merge(existing.deepCopy(), patch);
            long generation = existing.path("metadata").path("generation").asLong(1);
            boolean specChanged = !Objects.equals(existing.get("spec"), merged.get("spec"));
            ((ObjectNode) merged.get("metadata")).put("generation", specChanged ? generation + 1 : generation);
            if (existing.has("status")) {
                merged.set("status", existing.get("status"));
            }
            return handleUpdate(request(HttpMethod.PUT, path, merged));
        } catch (Exception e) {
            return new MockResponse().setResponseCode(500).setBody("{\"message\":\"" + e + "\"}");
        }
    }

    private static RecordedRequest request(HttpMethod method, String path, JsonNode body) throws Exception {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers,
                new Buffer(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)));
    }

    /** JSON merge patch (RFC 7386): objects merge key by key, everything else is replaced, null deletes. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            return patch;
        }
        ObjectNode out = (ObjectNode) target;
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else if (out.has(e.getKey())) {
                out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static final class Rule {
        private final Predicate<RecordedCall> which;
        private final Fault fault;
        private int left;

        Rule(Predicate<RecordedCall> which, Fault fault, int times) {
            this.which = which;
            this.fault = fault;
            this.left = times;
        }

        Predicate<RecordedCall> which() {
            return which;
        }

        Fault fault() {
            return fault;
        }
    }
}
