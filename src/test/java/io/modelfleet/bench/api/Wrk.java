package io.modelfleet.bench.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load with wrk: a fixed number of keep-alive connections, each sending its next request as soon as the last
 * answer arrived (closed loop), optionally after a pause that paces the whole run to a target rate. The request
 * comes from a generated Lua script, so every write carries a key of its own; the script's {@code done} hook
 * prints one machine-readable line with the counts and latency percentiles wrk measured.
 */
final class Wrk {

    record Result(long requests, double seconds, double p50Ms, double p99Ms, long badStatus, long socketErrors,
            String firstBadAnswer) {

        double rate() {
            return requests / seconds;
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "BENCH requests=(\\d+) duration_us=(\\d+) p50_us=([\\d.]+) p99_us=([\\d.]+) bad=(\\d+) socket=(\\d+)"
                    + " first_bad=(.*)");

    private final Path workDir;
    private final int threads;
    private final int connections;

    Wrk(Path workDir, int threads, int connections) {
        this.workDir = workDir;
        this.threads = threads;
        this.connections = connections;
    }

    /**
     * @param phase distinguishes the keys of one run from another's (warm-up, full rate, half rate)
     * @param pauseMillis per connection between an answer and its next request (wrk's delay() hook, whole
     *     milliseconds); 0 for as fast as possible
     */
    Result run(URI base, Endpoint endpoint, String token, String phase, int seconds, double pauseMillis) {
        Path script = workDir.resolve(endpoint.id() + "-" + phase + ".lua");
        write(script, lua(endpoint, token, pauseMillis));
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), base.toString(), "--", phase));
        String output = Processes.run(command, workDir, Map.of());
        Matcher m = LINE.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no result line:\n" + output);
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6,
                Double.parseDouble(m.group(3)) / 1000, Double.parseDouble(m.group(4)) / 1000,
                Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), m.group(7).trim());
    }

    /**
     * Placeholders in the path and body: {key} is unique per request of the run, {slot} one of 128 per wrk thread
     * (threads never share a slot), {n} the thread's request counter.
     */
    private static String lua(Endpoint e, String token, double pauseMillis) {
        return """
                local method, template_path, template_body = %s, %s, %s
                local headers = { ["Authorization"] = "Bearer " .. %s, ["Content-Type"] = "application/json" }
                local all_threads = {}
                local next_id = 0
                function setup(thread)
                  thread:set("tid", next_id)
                  next_id = next_id + 1
                  table.insert(all_threads, thread)
                end
                -- globals, not locals: done() reads them from each thread with thread:get
                counter, phase, bad, first_bad = 0, "", 0, ""
                function init(args)
                  phase = args[1]
                end
                %s
                local function fill(text)
                  local key = phase .. "-" .. tid .. "-" .. counter
                  local slot = tostring(tid * 128 + counter %% 128)
                  text = string.gsub(text, "{key}", key)
                  text = string.gsub(text, "{slot}", slot)
                  text = string.gsub(text, "{n}", tostring(counter))
                  return text
                end
                function request()
                  counter = counter + 1
                  local body = nil
                  if template_body ~= "" then body = fill(template_body) end
                  return wrk.format(method, fill(template_path), headers, body)
                end
                function response(status, hdrs, body)
                  if status >= 300 then
                    bad = bad + 1
                    if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 300) end
                  end
                end
                function done(summary, latency, requests)
                  local total_bad, shown = 0, ""
                  for _, t in ipairs(all_threads) do
                    total_bad = total_bad + t:get("bad")
                    local fb = t:get("first_bad")
                    if shown == "" and fb ~= nil and fb ~= "" then shown = fb end
                  end
                  local e = summary.errors
                  io.write(string.format("BENCH requests=%%d duration_us=%%d p50_us=%%.1f p99_us=%%.1f bad=%%d socket=%%d first_bad=%%s\\n",
                    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), total_bad,
                    e.connect + e.read + e.write + e.timeout, string.gsub(shown, "\\n", " ")))
                end
                """.formatted(quote(e.method()), quote(e.path()), quote(e.body() == null ? "" : e.body()), quote(token),
                pauseMillis > 0 ? "function delay() return " + Math.round(pauseMillis) + " end" : "");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
