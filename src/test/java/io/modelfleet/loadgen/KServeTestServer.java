package io.modelfleet.loadgen;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real KServe v2 HTTP server for one ONNX model with one float input, served by ONNX Runtime: it parses the v2
 * request JSON, checks it against the model, runs it and answers the v2 response. It refuses a malformed request with
 * 400 (and counts it), can fail every n-th inference with 500, and can answer "not ready" for a while after start.
 */
final class KServeTestServer implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/v2/models/([^/]+)(?:/versions/([^/]+))?/(ready|infer)");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body as two segments; without TCP_NODELAY the second waits for the
        // client's delayed ACK (about 40 ms), which would make every request take 40 ms. Read once, at first use.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String modelName;
    private final String inputName;
    private final long itemSize;
    private final int failEvery;
    private final long readyAtNanos;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    private final OrtSession session;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicLong inferRequests = new AtomicLong();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong injectedFailures = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private final AtomicLong readyProbes = new AtomicLong();
    private final Set<String> versionsAsked = ConcurrentHashMap.newKeySet();

    /**
     * @param failEvery 0 never fails; n answers 500 to the n-th, 2n-th, ... inference request
     * @param notReadyFor how long the model answers 503 to its ready probe
     */
    KServeTestServer(byte[] model, String modelName, int failEvery, Duration notReadyFor)
            throws OrtException, IOException {
        this.modelName = modelName;
        this.failEvery = failEvery;
        options.setIntraOpNumThreads(1);
        session = environment.createSession(model, options);
        ai.onnxruntime.NodeInfo input = session.getInputInfo().values().iterator().next();
        inputName = input.getName();
        long[] shape = ((ai.onnxruntime.TensorInfo) input.getInfo()).getShape();
        long size = 1;
        for (int i = 1; i < shape.length; i++) {
            size *= shape[i];
        }
        itemSize = size;
        readyAtNanos = System.nanoTime() + notReadyFor.toNanos();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v2/models/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long inferRequests() {
        return inferRequests.get();
    }

    long successes() {
        return successes.get();
    }

    long injectedFailures() {
        return injectedFailures.get();
    }

    long badRequests() {
        return badRequests.get();
    }

    long readyProbes() {
        return readyProbes.get();
    }

    Set<String> versionsAsked() {
        return Set.copyOf(versionsAsked);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches() || !path.group(1).equals(modelName)) {
                answer(exchange, 404, error("no model at " + exchange.getRequestURI().getPath()));
                return;
            }
            if (path.group(2) != null) {
                versionsAsked.add(path.group(2));
            }
            if (path.group(3).equals("ready")) {
                readyProbes.incrementAndGet();
                boolean ready = System.nanoTime() >= readyAtNanos;
                answer(exchange, ready ? 200 : 503, ready ? "{}" : error("model is loading"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, error("infer takes POST"));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long number = inferRequests.incrementAndGet();
            if (failEvery > 0 && number % failEvery == 0) {
                injectedFailures.incrementAndGet();
                answer(exchange, 500, error("injected failure of request " + number));
                return;
            }
            try {
                String response = infer(JSON.readTree(body));
                successes.incrementAndGet();
                answer(exchange, 200, response);
            } catch (IllegalArgumentException | IOException e) {
                badRequests.incrementAndGet();
                answer(exchange, 400, error(e.getMessage()));
            } catch (OrtException e) {
                answer(exchange, 500, error(e.getMessage()));
            }
        }
    }

    /** Checks the request the way a v2 server must (name, datatype, shape against data) and runs it. */
    private String infer(JsonNode request) throws OrtException {
        JsonNode inputs = request.path("inputs");
        if (!inputs.isArray() || inputs.size() != 1) {
            throw new IllegalArgumentException("expected exactly one input, got " + inputs);
        }
        JsonNode input = inputs.get(0);
        if (!inputName.equals(input.path("name").asText()) || !"FP32".equals(input.path("datatype").asText())) {
            throw new IllegalArgumentException("expected FP32 input " + inputName + ", got " + input.path("name")
                    + " " + input.path("datatype"));
        }
        JsonNode shapeNode = input.path("shape");
        if (shapeNode.size() != 2 || shapeNode.get(1).asLong() != itemSize) {
            throw new IllegalArgumentException("expected shape [batch," + itemSize + "], got " + shapeNode);
        }
        long[] shape = {shapeNode.get(0).asLong(), shapeNode.get(1).asLong()};
        JsonNode data = input.path("data");
        if (data.size() != shape[0] * shape[1]) {
            throw new IllegalArgumentException("shape " + shapeNode + " needs " + shape[0] * shape[1]
                    + " values, data has " + data.size());
        }
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.get(i).asDouble();
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            float[][] y = (float[][]) result.get(0).getValue();
            ObjectNode response = JSON.createObjectNode().put("model_name", modelName);
            ObjectNode output = response.putArray("outputs").addObject()
                    .put("name", result.iterator().next().getKey()).put("datatype", "FP32");
            output.putArray("shape").add(y.length).add(y[0].length);
            ArrayNode flat = output.putArray("data");
            for (float[] row : y) {
                for (float value : row) {
                    flat.add(value);
                }
            }
            return response.toString();
        }
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws OrtException {
        server.stop(0);
        executor.shutdownNow();
        session.close();
        options.close();
    }
}
