package io.modelfleet.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The public HTTP API of the control plane, over the JDK's HTTP client: JSON in and out, every answer but a 2xx
 * turned into an {@link ApiProblem}, every failure to reach the server into a {@link ConnectionFailure} that names
 * the URL but never the token.
 */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 500;
    private static final int MAX_RAW_DETAIL = 300;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String token;
    private final Duration requestTimeout;
    private final HttpClient http;

    /**
     * @param base           the control plane's URL, e.g. {@code https://modelfleet.example.com}
     * @param requestTimeout how long one request may take (a synchronous plan takes up to its time limit)
     */
    public ApiClient(URI base, String token, Duration requestTimeout) {
        this.base = normalize(base);
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The URL as users type it, without a trailing slash or the {@code /api/v1} the client adds itself. */
    public static URI normalize(URI url) {
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/api/v1")) {
            s = s.substring(0, s.length() - "/api/v1".length());
        }
        return URI.create(s);
    }

    public URI base() {
        return base;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public JsonNode get(String path) {
        return send("GET", path, null, Map.of()).body();
    }

    public ApiResponse post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    /** Every item of a paginated list, page by page ({@code path} without page parameters). */
    public ArrayNode list(String path) {
        ArrayNode all = JSON.createArrayNode();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            JsonNode answer = get(path + separator + "page=" + page + "&size=" + PAGE_SIZE);
            JsonNode items = answer.path("items");
            items.forEach(all::add);
            long total = answer.path("total").asLong(0);
            if (items.isEmpty() || all.size() >= total) {
                return all;
            }
        }
    }

    public ApiResponse send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).timeout(requestTimeout).header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        }
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        refuseUnlessSuccess(response, response.body());
        JsonNode parsed = response.body() == null || response.body().isBlank() ? NullNode.getInstance()
                : answer(response.statusCode(), response.body());
        return new ApiResponse(response.statusCode(), response.headers().firstValue("Location"), parsed);
    }

    /**
     * Reads a {@code text/event-stream}, handing each event to {@code onEvent} until it returns false or the server
     * ends the stream. Returns whether the consumer stopped it (true) rather than the server (false).
     */
    public boolean events(String path, Predicate<ServerSentEvent> onEvent) {
        HttpRequest request = request(path).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body();
                BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                refuseUnlessSuccess(response, new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            String event = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0 && !onEvent.test(new ServerSentEvent(event, data.toString()))) {
                        return true;
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring("data:".length()).stripLeading());
                }
                // "id:", "retry:" and ":" comments carry nothing the CLI needs.
            }
            if (data.length() > 0) {
                return !onEvent.test(new ServerSentEvent(event, data.toString()));
            }
            return false;
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /**
     * Only a 2xx is an answer. A 3xx is refused too: redirects are not followed (the token would go along to
     * wherever they point), and taking one's empty body as an empty answer would make a login to an http:// URL
     * behind an https redirect "succeed" and every list look empty.
     */
    private static void refuseUnlessSuccess(HttpResponse<?> response, String body) {
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            String where = response.headers().firstValue("Location").orElse("(no Location header)");
            throw new ApiProblem(status, "Redirect", "the server redirected to " + where
                    + "; use that URL (modelfleet login URL, or MODELFLEET_URL)", List.of());
        }
        if (status < 200 || status >= 300) {
            throw problem(status, body);
        }
    }

    /** A 2xx that is not JSON (a sign-in page of a proxy, say) is the server's problem, not the CLI's. */
    private static JsonNode answer(int status, String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiProblem(status, "Not JSON", "the server answered something that is not JSON (is the URL"
                    + " the control plane?): " + abbreviate(body.strip()), List.of());
        }
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the server answered something that is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1" + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionFailure("interrupted while waiting for " + base, e);
        }
    }

    private ConnectionFailure unreachable(IOException e) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "connection timed out";
        } else if (e instanceof HttpTimeoutException) {
            why = "no answer within " + requestTimeout.toSeconds() + " s";
        } else if (e instanceof ConnectException) {
            why = "connection refused";
        } else {
            why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new ConnectionFailure("cannot reach " + base + " (" + why + ")", e);
    }

    private static ApiProblem problem(int status, String body) {
        String title = "HTTP " + status;
        String detail = body == null || body.isBlank() ? "(no body)" : abbreviate(body.strip());
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                title = node.path("title").asText(title);
                detail = node.path("detail").asText(node.path("title").asText(detail));
                node.path("errors").forEach(e -> errors.add(new ApiProblem.FieldError(e.path("field").asText(),
                        e.path("message").asText())));
            }
        } catch (JsonProcessingException | UncheckedIOException e) {
            // Not a problem document (a proxy's HTML page, say): the raw body stays the detail.
        }
        return new ApiProblem(status, title, detail, errors);
    }

    /** A body that is not a problem document (a proxy's HTML page, say) is shown by its start only. */
    private static String abbreviate(String body) {
        return body.length() <= MAX_RAW_DETAIL ? body : body.substring(0, MAX_RAW_DETAIL) + "…";
    }

    private static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON", e);
        }
    }
}
