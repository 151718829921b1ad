package io.modelfleet.rollout.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Fabric8 CRUD mock server with what a real API server adds and the mock lacks: server-side apply (create
 * when absent, merge when present), metadata.generation that moves only when the spec changes, a log of the
 * requests (method, path with query, content type), and failures injected on demand (409, 500, ...).
 */
public final class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();

    /** Answer the next {@code times} requests of {@code method} whose path contains {@code pathPart} with {@code code}. */
    public synchronized void fail(String method, String pathPart, int code, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(method, pathPart, code));
        }
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        requests.add(request.getMethod() + " " + request.getPath() + (contentType == null ? "" : " " + contentType));
        MockResponse injected = injected(request);
        if (injected != null) {
            return injected;
        }
        if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.contains("apply-patch")) {
            return apply(request);
        }
        return super.dispatch(request);
    }

    private synchronized MockResponse injected(RecordedRequest request) {
        for (Iterator<Failure> it = failures.iterator(); it.hasNext();) {
            Failure f = it.next();
            if (f.method().equals(request.getMethod()) && request.getPath().contains(f.pathPart())) {
                it.remove();
                String status = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":" + f.code()
                        + ",\"message\":\"injected by the test\"}";
                return new MockResponse().setResponseCode(f.code()).setBody(status);
            }
        }
        return null;
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

    private record Failure(String method, String pathPart, int code) {
    }
}
