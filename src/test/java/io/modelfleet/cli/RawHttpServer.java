package io.modelfleet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An HTTP/1.1 server on a raw socket, for answers a well-behaved server library will not give: a chunked event
 * stream cut in the middle (no last chunk, the connection just closes), a redirect, an HTML page with a 200. Each
 * request is answered by {@code handler} from its request line and headers; one connection per request.
 */
public final class RawHttpServer implements AutoCloseable {

    /** A request as the server saw it: "GET /api/v1/..." and its headers, names lower-cased. */
    public record Request(String line, Map<String, String> headers) {
    }

    /** What to write back: the raw bytes after the request, then whether to close without ending a chunked body. */
    public record Answer(String raw) {
        public static Answer json(int status, String body) {
            return of(status, "application/json", body);
        }

        public static Answer of(int status, String type, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new Answer("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
        }

        public static Answer redirect(int status, String location) {
            return new Answer("HTTP/1.1 " + status + " X\r\nLocation: " + location
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }

        /** An event stream whose connection closes after these events, before the chunked body's last chunk. */
        public static Answer cutStream(String events) {
            byte[] bytes = events.getBytes(StandardCharsets.UTF_8);
            return new Answer("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(bytes.length) + "\r\n" + events + "\r\n");
        }
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public RawHttpServer(Function<Request, Answer> handler) {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    Request r = read(s);
                    requests.add(r);
                    OutputStream out = s.getOutputStream();
                    out.write(handler.apply(r).raw().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }, "raw-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    public List<Request> requests() {
        return requests;
    }

    private static Request read(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        String line = in.readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        String h;
        while ((h = in.readLine()) != null && !h.isEmpty()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        in.skip(length);
        return new Request(line == null ? "" : line.substring(0, line.lastIndexOf(' ')), headers);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
