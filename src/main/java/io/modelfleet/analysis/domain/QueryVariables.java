package io.modelfleet.analysis.domain;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a query template's variables take: {@code ${namespace}}, {@code ${workload}} (the Kubernetes
 * Deployment), {@code ${deployment}} (the ModelFleet deployment), {@code ${variant}} (the variant id the pods'
 * {@code modelfleet.io/variant} label carries; absent for deployment-wide queries, and a template that uses it then
 * cannot be rendered), {@code ${specHash}} (the step's Deployment spec hash, for GITOPS availability; likewise
 * optional) and {@code ${window}} (a Prometheus duration).
 * Names are only ever placed inside a double-quoted label matcher and are escaped for it (backslash, quote, line
 * breaks), so a quote in a name cannot end the matcher and add PromQL of its own; other control characters are
 * refused. The window is rendered from a {@link Duration}, never from text.
 */
public record QueryVariables(String namespace, String workload, String deployment, String variant,
        String specHash, Duration window) {

    public QueryVariables(String namespace, String workload, String deployment, String variant, Duration window) {
        this(namespace, workload, deployment, variant, null, window);
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-zA-Z]+)}");

    public QueryVariables {
        checkName("namespace", namespace);
        checkName("workload", workload);
        checkName("deployment", deployment);
        if (variant != null) {
            checkName("variant", variant);
        }
        if (specHash != null) {
            checkName("specHash", specHash);
        }
        if (window == null || window.isNegative() || window.isZero() || window.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("the analysis window must be a positive whole number of"
                    + " milliseconds, was " + window);
        }
    }

    /** The variables of one step: its target's names and the settings' window. */
    public static QueryVariables of(AnalysisTarget target, Duration window) {
        return new QueryVariables(target.namespace(), target.workload(), target.deployment(), target.variant(),
                target.specHash(), window);
    }

    /** Variables of a query over every workload of a deployment, which names no variant. */
    public static QueryVariables deploymentWide(String namespace, String deployment, Duration window) {
        return new QueryVariables(namespace, deployment, deployment, null, window);
    }

    /** {@code template} with every variable replaced; a variable it does not know is an error, not left in. */
    public String render(String template) {
        Map<String, String> values = new HashMap<>(Map.of("namespace", quoted(namespace), "workload",
                quoted(workload), "deployment", quoted(deployment), "window", duration(window)));
        if (variant != null) {
            values.put("variant", quoted(variant));
        }
        if (specHash != null) {
            values.put("specHash", quoted(specHash));
        }
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(m.group(1).equals("variant") || m.group(1).equals("specHash")
                        ? "query template uses ${" + m.group(1) + "} but these variables name no " + m.group(1)
                        : "query template uses unknown variable ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** A Prometheus duration: whole seconds as {@code 60s}, else milliseconds ({@code 1500ms}). */
    static String duration(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** The body of a double-quoted PromQL string holding exactly {@code value}. */
    static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t");
    }

    private static void checkName(String variable, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("query variable " + variable + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new IllegalArgumentException("query variable " + variable + " contains control character U+"
                        + String.format("%04X", (int) c));
            }
        }
    }
}
