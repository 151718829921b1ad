package io.modelfleet.analysis.prometheus;

/**
 * A Prometheus query that gave no usable answer: unreachable, timed out, refused, an error answer or a body that
 * could not be read. The message may be shown to any API reader: it names the cluster and what went wrong, never
 * an internal host, address or token (network details are logged with a reference, see WithheldDetails).
 */
public class PrometheusQueryException extends RuntimeException {

    public PrometheusQueryException(String message) {
        super(message);
    }

    public PrometheusQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
