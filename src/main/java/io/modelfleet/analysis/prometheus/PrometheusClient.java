package io.modelfleet.analysis.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryOutcome;
import io.modelfleet.api.security.OutboundAddresses;
import io.modelfleet.api.security.WithheldDetails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Instant queries against a cluster's Prometheus HTTP API: {@code GET <prometheusUrl>/api/v1/query?query=&time=}.
 * Every query is bounded by {@code modelfleet.analysis.query-timeout} (connect, answer and body together); the
 * bearer token comes from the source's {@code credentialsRef} and is only ever put in the Authorization header;
 * just before a request goes out its host's DNS name must not resolve to a loopback, link-local, metadata or
 * unspecified address ({@link OutboundAddresses#forbiddenResolved}, as the Kubernetes clients check it; a literal
 * address passed the API's check when it was stored or was written by an admin). Failures are
 * {@link PrometheusQueryException}s whose messages carry no internal hosts or addresses.
 */
@ApplicationScoped
public class PrometheusClient {

    /** A query here returns one number; a megabyte is far more than any honest answer. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;
    private final BearerTokens tokens;
    private final OutboundAddresses outbound;
    private final HttpClient http;

    @Inject
    public PrometheusClient(PrometheusConfig config, BearerTokens tokens) {
        this(config.queryTimeout(), tokens, OutboundAddresses.system());
    }

    public PrometheusClient(Duration timeout, BearerTokens tokens, OutboundAddresses outbound) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("modelfleet.analysis.query-timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        this.tokens = tokens;
        this.outbound = outbound;
        // Never follow redirects: a 3xx could send the token and the query to a host nobody checked.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One instant query evaluated at {@code time}: its single value, or no series. */
    public QueryOutcome query(String cluster, MetricsSource source, String promql, Instant time) {
        Prepared prepared = prepare(cluster, source);
        return await(cluster, send(prepared, promql, time));
    }

    /**
     * Several instant queries at one instant, sent in parallel so the whole measurement takes at most about one
     * timeout. Never throws: a query that failed is a {@link QueryOutcome.Failed} with the exception's message.
     */
    public List<QueryOutcome> queryAll(String cluster, MetricsSource source, List<String> queries, Instant time) {
        Prepared prepared;
        try {
            prepared = prepare(cluster, source);
        } catch (PrometheusQueryException e) {
            return queries.stream().<QueryOutcome>map(q -> new QueryOutcome.Failed(e.getMessage())).toList();
        } catch (RuntimeException e) {
            String reason = WithheldDetails.withhold("cluster " + cluster + ": the metrics source is unusable", e);
            return queries.stream().<QueryOutcome>map(q -> new QueryOutcome.Failed(reason)).toList();
        }
        List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
        for (String query : queries) {
            sent.add(send(prepared, query, time));
        }
        List<QueryOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> response : sent) {
            try {
                outcomes.add(await(cluster, response));
            } catch (PrometheusQueryException e) {
                outcomes.add(new QueryOutcome.Failed(e.getMessage()));
            }
        }
        return outcomes;
    }

    private record Prepared(URI endpoint, Optional<String> token) {
    }

    private Prepared prepare(String cluster, MetricsSource source) {
        URI endpoint = endpoint(cluster, source.prometheusUrl());
        outbound.forbiddenResolved(endpoint).ifPresent(why -> {
            throw new PrometheusQueryException("cluster " + cluster + ": metrics.prometheusUrl " + why);
        });
        return new Prepared(endpoint, tokens.token(cluster, source.credentialsRef()));
    }

    private static URI endpoint(String cluster, String prometheusUrl) {
        URI base;
        try {
            base = URI.create(prometheusUrl.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PrometheusQueryException("cluster " + cluster + ": metrics.prometheusUrl is not a URL");
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getRawAuthority() == null) {
            throw new PrometheusQueryException("cluster " + cluster + ": metrics.prometheusUrl must be an http or"
                    + " https URL with a host");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new PrometheusQueryException("cluster " + cluster + ": metrics.prometheusUrl must not have a query"
                    + " or fragment; it is the base before /api/v1");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + base.getRawAuthority() + path + "/api/v1/query");
    }

    private CompletableFuture<HttpResponse<byte[]>> send(Prepared prepared, String promql, Instant time) {
        URI uri = URI.create(prepared.endpoint() + "?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        prepared.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return http.sendAsync(request.build(), BoundedBody.handler(MAX_BODY_BYTES));
    }

    private QueryOutcome await(String cluster, CompletableFuture<HttpResponse<byte[]>> pending) {
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers the wait for headers only; this bounds the body too.
            response = pending.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(cluster);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(cluster);
            }
            if (cause instanceof BoundedBody.TooLarge) {
                throw new PrometheusQueryException("cluster " + cluster + ": Prometheus answered more than "
                        + MAX_BODY_BYTES + " bytes to one query");
            }
            throw new PrometheusQueryException(WithheldDetails.withhold("cluster " + cluster
                    + ": Prometheus unreachable", cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new PrometheusQueryException("cluster " + cluster + ": interrupted while querying Prometheus", e);
        }
        return PrometheusAnswer.read(cluster, response.statusCode(), response.body());
    }

    private PrometheusQueryException timedOut(String cluster) {
        return new PrometheusQueryException("cluster " + cluster + ": Prometheus did not answer within " + timeout
                .toString().substring(2).toLowerCase(Locale.ROOT));
    }

    /** Reads {@code /api/v1/query}'s JSON: a vector or scalar of at most one value, or the error it reports. */
    static final class PrometheusAnswer {

        private PrometheusAnswer() {
        }

        static QueryOutcome read(String cluster, int status, byte[] body) {
            JsonNode answer;
            try {
                answer = JSON.readTree(body);
            } catch (IOException e) {
                answer = null;
            }
            if (answer != null && "error".equals(answer.path("status").asText())) {
                throw new PrometheusQueryException("cluster " + cluster + ": Prometheus refused the query ("
                        + WithheldDetails.scrub(answer.path("errorType").asText("error")) + ": "
                        + WithheldDetails.scrub(answer.path("error").asText()) + ")");
            }
            if (status != 200) {
                throw new PrometheusQueryException("cluster " + cluster + ": Prometheus answered HTTP " + status);
            }
            if (answer == null || !"success".equals(answer.path("status").asText())) {
                throw unreadable(cluster);
            }
            JsonNode data = answer.path("data");
            JsonNode result = data.path("result");
            switch (data.path("resultType").asText()) {
                case "scalar":
                    return new QueryOutcome.Value(number(cluster, result));
                case "vector":
                    if (!result.isArray()) {
                        throw unreadable(cluster);
                    }
                    if (result.isEmpty()) {
                        return new QueryOutcome.NoSeries();
                    }
                    if (result.size() > 1) {
                        throw new PrometheusQueryException("cluster " + cluster + ": Prometheus answered "
                                + result.size() + " series to a query that aggregates to one");
                    }
                    return new QueryOutcome.Value(number(cluster, result.get(0).path("value")));
                default:
                    throw unreadable(cluster);
            }
        }

        /** A sample is {@code [<unix time>, "<value>"]}; values include "NaN", "+Inf" and "-Inf". */
        private static double number(String cluster, JsonNode sample) {
            JsonNode value = sample.path(1);
            if (!sample.isArray() || sample.size() != 2 || !value.isTextual()) {
                throw unreadable(cluster);
            }
            String text = value.asText();
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw unreadable(cluster);
                    }
            }
        }

        private static PrometheusQueryException unreadable(String cluster) {
            return new PrometheusQueryException("cluster " + cluster + ": Prometheus answered with a body that is"
                    + " not a query result");
        }
    }
}
