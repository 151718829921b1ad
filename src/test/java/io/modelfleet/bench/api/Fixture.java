package io.modelfleet.bench.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What the endpoints under load refer to, created through the API (so it is exactly what a user would have): an
 * operator token, the profile the writes reference, 64 profiles the replace benchmark rewrites, a model with one
 * variant, a cluster and a deployment. The pgbench scripts get the same rows' ids.
 */
record Fixture(String operatorToken, String variantId, Map<String, String> variables) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int REPLACED_PROFILES = 256;

    static Fixture seed(URI base, DataSource db) {
        String admin = ControlPlaneProcess.ADMIN_TOKEN;
        String created = send(base, admin, "POST", "/api/v1/tokens", "{\"name\":\"bench-operator\",\"role\":\"OPERATOR\"}");
        String operator = field(created, "token");
        send(base, operator, "PUT", "/api/v1/hardware-profiles/bench-gpu", Endpoints.profileBody("bench-gpu", "0.526"));
        for (int i = 0; i < REPLACED_PROFILES; i++) {
            send(base, operator, "PUT", "/api/v1/hardware-profiles/rep-" + i, Endpoints.profileBody("rep-" + i, "0.5"));
        }
        send(base, operator, "PUT", "/api/v1/models/bench-model",
                "{\"name\":\"bench-model\",\"task\":\"image-classification\",\"accuracyMetric\":\"top1\"}");
        String variant = field(send(base, operator, "POST", "/api/v1/models/bench-model/variants",
                Endpoints.variantBody("1.0.0")), "id");
        send(base, operator, "PUT", "/api/v1/clusters/bench-cluster", Endpoints.clusterBody("bench-cluster"));
        send(base, operator, "PUT", "/api/v1/deployments/bench-deployment", Endpoints.deploymentBody("bench-deployment"));

        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("model_id", one(db, "SELECT id FROM model WHERE name = 'bench-model'"));
        vars.put("hw_id", one(db, "SELECT id FROM hardware_profile WHERE name = 'bench-gpu'"));
        vars.put("rep_first", one(db, "SELECT id FROM hardware_profile WHERE name = 'rep-0'"));
        String last = one(db, "SELECT id FROM hardware_profile WHERE name = 'rep-" + (REPLACED_PROFILES - 1) + "'");
        if (Long.parseLong(last) - Long.parseLong(vars.get("rep_first")) != REPLACED_PROFILES - 1) {
            throw new IllegalStateException("the replaced profiles' ids are not contiguous");
        }
        vars.put("cluster_id", one(db, "SELECT id FROM cluster WHERE name = 'bench-cluster'"));
        vars.put("deployment_id", one(db, "SELECT id FROM model_deployment WHERE name = 'bench-deployment'"));
        vars.put("variant_id", variant);
        return new Fixture(operator, variant, vars);
    }

    private static String send(URI base, String token, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String one(DataSource db, String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }
}
