package io.modelfleet.cloud.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server that answers like AWS: the test installs one handler per operation (JSON 1.1 operations
 * by X-Amz-Target, query operations by Action, REST operations by method and path) and can queue raw failures
 * (throttling, 5xx, expired tokens) that are served first. Every request is recorded.
 */
final class AwsStubServer implements AutoCloseable {

    record Request(String method, String path, Map<String, String> headers, String body, Map<String, String> form) {

        String operation() {
            String target = headers.get("x-amz-target");
            if (target != null) {
                return target.substring(target.indexOf('.') + 1);
            }
            String action = form.get("Action");
            return action != null ? action : method + " " + path;
        }
    }

    record Response(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Response>> handlers = new LinkedHashMap<>();
    private final Deque<Response> failures = new ArrayDeque<>();
    final Map<String, Map<String, String>> extraHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    AwsStubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    AwsStubServer on(String operation, Function<Request, Response> handler) {
        handlers.put(operation, handler);
        return this;
    }

    synchronized AwsStubServer failFirst(Response response) {
        failures.add(response);
        return this;
    }

    long count(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).count();
    }

    static Response json(String body) {
        return new Response(200, "application/x-amz-json-1.1", body);
    }

    static Response xml(String body) {
        return new Response(200, "text/xml", body);
    }

    static Response jsonError(int status, String type, String message) {
        return new Response(status, "application/x-amz-json-1.1",
                "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    static Response queryError(int status, String code, String message) {
        return new Response(status, "text/xml", "<Response><Errors><Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error></Errors><RequestID>stub</RequestID></Response>");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        Map<String, String> form = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        String formText = headers.getOrDefault("content-type", "").contains("x-www-form-urlencoded") ? body
                : query == null ? "" : query;
        for (String pair : formText.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body,
                form);
        requests.add(request);
        Response response;
        synchronized (this) {
            response = failures.poll();
        }
        if (response == null) {
            Function<Request, Response> handler = handlers.get(request.operation());
            response = handler == null ? new Response(404, "text/plain", "no stub for " + request.operation())
                    : handler.apply(request);
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", response.contentType());
        exchange.getResponseHeaders().add("x-amzn-RequestId", "stub-request");
        Map<String, String> extra = extraHeaders.getOrDefault(request.operation(), Map.of());
        extra.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        boolean head = "HEAD".equals(request.method());
        long length = head && extra.containsKey("Content-Length") ? -1 : bytes.length == 0 ? -1 : bytes.length;
        if (head && extra.containsKey("Content-Length")) {
            exchange.getResponseHeaders().set("Content-Length", extra.get("Content-Length"));
        }
        exchange.sendResponseHeaders(response.status(), length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
