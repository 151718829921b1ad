package io.modelfleet.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a valid request into a hostile one, seeded: body fields dropped, swapped, duplicated, retyped or set to
 * extreme numbers and unicode (emoji, right-to-left, combining marks, NUL, lone surrogates written as JSON
 * escapes); whole bodies malformed, deeply nested or of the wrong content type; path segments with encoded NUL,
 * '..', unicode and 10 KB; bad query parameters; every role. Raw JSON text (1e400, \ud800) is spliced in through
 * placeholders, since no JSON writer produces it.
 */
final class Mutations {

    /** Writes the 10,000-deep values the mutations nest (Jackson refuses to write past 1,000 by default). */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                    .maxNestingDepth(20_000).build()).build());
    private static final String LONG = "a".repeat(5_000);
    /** Values no field accepts (raw JSON), so a 400 must name the field they were put in. */
    private static final List<String> CERTAINLY_INVALID = List.of("\"nul\\u0000here\"", "\"lone \\ud800 high\"",
            "\"\\udc00 lone low\"", "\"" + LONG + "\"", "{\"nested\":{}}", "[[1],[2]]");
    /** Values that may or may not be valid for a field. */
    private static final List<String> ODD = List.of("1e400", "-1e400", "9223372036854775808", "9223372036854775807",
            "2147483648", "-2147483649", "-1", "0", "-0", "0.0000001", "1e-400", "4.9e-324", "1.7976931348623157e308",
            "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "null", "true", "false", "\"\"", "\"   \"", "\"\\u00e9t\\u00e9\"",
            "\"\\ud83d\\ude80 rocket\"", "\"\\u05e9\\u05dc\\u05d5\\u05dd\"", "\"e\\u0301\\u0301\\u0301\"",
            "\"\\u202eevil\"", "\"\\uffff\"", "\"x".repeat(1) + "y".repeat(300) + "\"", "[]", "{}", "1", "1.5",
            "\"1\"", "\"a/b\"", "\"../../etc/passwd\"", "\"UPPER\"", "\"FP32\"", "\"ON_DEMAND\"", "\"s3://b/k\"",
            "\"us-east-1\"", "\"" + "9".repeat(90) + "\"", "123456789012345678901234567890");
    private static final List<String> PATH_VALUES = List.of("%00", "a%00b", "%ED%A0%80", "%F0%9F%98%80",
            "%D7%A9%D7%9C", "e%CC%81%CC%81", "..", "%2e%2e", "%2F", "a%2Fb", "%20", "%25zz", "%25", "UPPER", "-",
            "a".repeat(10_240), "%C0%80", "%FF%FE", "null", "0", "00000000-0000-0000-0000-000000000000",
            "not-a-uuid", "%E2%80%AE");
    private static final List<String> QUERY_VALUES = List.of("-1", "abc", "99999999999", "2147483647", "1e3", "%00",
            "%ED%A0%80", "a".repeat(2_000), "", "0", "500", "501", "%F0%9F%98%80", "1.5", "+1", "%201");

    private final Random random;

    Mutations(Random random) {
        this.random = random;
    }

    FuzzRequest mutate(String operation, String method, String template, Endpoints.Base base) {
        FuzzRequest.Role role = role();
        Map<String, String> path = new java.util.LinkedHashMap<>(base.path());
        Map<String, String> query = new java.util.LinkedHashMap<>(base.query());
        path.replaceAll((k, v) -> encode(v));
        query.replaceAll((k, v) -> encode(v));
        String body = base.body() == null ? null : write(base.body());
        String contentType = base.body() == null ? null : "application/json";
        String mutation = "none";
        String fault = null;
        int kind = random.nextInt(100);
        if (kind < 8) {
            mutation = "valid";
        } else if (kind < 20 && !path.isEmpty()) {
            String name = pick(new ArrayList<>(path.keySet()));
            String value = pick(PATH_VALUES);
            path.put(name, value);
            mutation = "path " + name + "=" + shorten(value);
            if (value.contains("%00") || value.length() > 253) {
                fault = name;
            }
        } else if (kind < 30) {
            String name = random.nextInt(3) == 0 ? pick(List.of("region", "accountId", "x\u00e9", "%00"))
                    : pick(List.of("page", "size"));
            String value = pick(QUERY_VALUES);
            if (random.nextInt(6) == 0) {
                query.put(name, value + "&" + name + "=" + pick(QUERY_VALUES));
            } else {
                query.put(name, value);
            }
            mutation = "query " + shorten(name) + "=" + shorten(value);
            if (value.contains("%00") || value.length() > 1024 || name.contains("%00")) {
                // The API shows an unstorable parameter name escaped, as \u0000.
                fault = java.net.URLDecoder.decode(name, StandardCharsets.UTF_8).replace("\u0000", "\\u0000");
            }
        } else if (kind < 42) {
            String[] whole = wholeBody();
            body = whole[0];
            contentType = whole[1];
            mutation = "body " + whole[2];
        } else if (base.body() != null) {
            ObjectNode tree = base.body().deepCopy();
            List<String[]> raws = new ArrayList<>();
            int edits = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            StringBuilder described = new StringBuilder();
            for (int e = 0; e < edits; e++) {
                String[] edit = editField(tree, raws);
                described.append(e == 0 ? "" : "; ").append(edit[0]);
                if (edits == 1) {
                    fault = edit[1];
                }
            }
            body = write(tree);
            if (random.nextInt(10) == 0 && tree.size() > 0) {
                // The same key twice: the first field again, in front (a JSON reader keeps the last one).
                String first = tree.fieldNames().next();
                body = "{" + write(TextNode.valueOf(first)) + ":" + write(tree.get(first)) + ","
                        + body.substring(1);
                described.append("; duplicated field ").append(first);
                fault = first;
            }
            for (int i = 0; i < raws.size(); i++) {
                body = body.replace("\"@@RAW" + i + "@@\"", raws.get(i)[0]);
            }
            mutation = "fields " + described;
        } else {
            mutation = "valid (no body)";
        }
        if (random.nextInt(25) == 0 && contentType != null) {
            contentType = pick(List.of("text/plain", "application/xml", "application/json; charset=ISO-8859-1",
                    "application/yaml", "multipart/form-data; boundary=x", "*/*", "application/json;;"));
            mutation += "; content-type " + contentType;
            fault = null;
        }
        String rawPath = template;
        for (Map.Entry<String, String> p : path.entrySet()) {
            rawPath = rawPath.replace("{" + p.getKey() + "}", p.getValue());
        }
        String rawQuery = query.isEmpty() ? null : String.join("&", query.entrySet().stream()
                .map(q -> (q.getKey().startsWith("%") ? q.getKey() : encode(q.getKey())) + "=" + q.getValue()).toList());
        return new FuzzRequest(operation, method, rawPath, rawQuery, contentType, body, role, mutation, fault);
    }

    private FuzzRequest.Role role() {
        int r = random.nextInt(100);
        return r < 7 ? FuzzRequest.Role.NONE : r < 14 ? FuzzRequest.Role.BAD_TOKEN : r < 28 ? FuzzRequest.Role.VIEWER
                : r < 64 ? FuzzRequest.Role.OPERATOR : FuzzRequest.Role.ADMIN;
    }

    /** One edit of one field; returns its description and the field it certainly broke (or null). */
    private String[] editField(ObjectNode tree, List<String[]> raws) {
        List<String[]> fields = new ArrayList<>();
        collect(tree, "", fields);
        if (fields.isEmpty()) {
            tree.put("unexpected", 1);
            return new String[] {"added unknown field", null};
        }
        String[] target = pick(fields);
        String field = target[0];
        JsonNode parent = locate(tree, target[1]);
        String key = target[2];
        int op = random.nextInt(10);
        if (op == 0) {
            remove(parent, key);
            return new String[] {"dropped " + field, null};
        }
        if (op == 1 && parent instanceof ObjectNode object && object.size() > 1) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String other = pick(names);
            JsonNode a = object.get(key);
            object.set(key, object.get(other));
            object.set(other, a);
            return new String[] {"swapped " + field + " and " + other, null};
        }
        if (op == 2) {
            JsonNode nested = nest(random.nextInt(3) == 0 ? 10_000 : 40);
            set(parent, key, nested);
            return new String[] {"nested " + field, null};
        }
        boolean certain = op < 6;
        String raw = certain ? pick(CERTAINLY_INVALID) : pick(ODD);
        set(parent, key, TextNode.valueOf("@@RAW" + raws.size() + "@@"));
        raws.add(new String[] {raw});
        boolean scalarTarget = !target[3].equals("container");
        // Objects and arrays put where a value was are certain type errors; in a container's place they may fit.
        boolean certainHere = certain && (scalarTarget || raw.startsWith("\""));
        return new String[] {field + "=" + shorten(raw), certainHere ? field : null};
    }

    /** Every field: {display path, parent pointer, key in parent, "leaf" or "container"}. */
    private static void collect(JsonNode node, String pointer, List<String[]> out) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                out.add(new String[] {display(child), pointer, e.getKey(),
                        e.getValue().isContainerNode() ? "container" : "leaf"});
                collect(e.getValue(), child, out);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = pointer + "/" + i;
                out.add(new String[] {display(child), pointer, String.valueOf(i),
                        array.get(i).isContainerNode() ? "container" : "leaf"});
                collect(array.get(i), child, out);
            }
        }
    }

    /** A JSON pointer as the API's field path: {@code /benchmarks/0/batchSize} is {@code benchmarks[0].batchSize}. */
    static String display(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            String key = part.replace("~1", "/").replace("~0", "~");
            if (key.matches("\\d+")) {
                out.append('[').append(key).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(key);
            }
        }
        return out.toString();
    }

    private static JsonNode locate(JsonNode root, String pointer) {
        return pointer.isEmpty() ? root : root.at(pointer);
    }

    private static void set(JsonNode parent, String key, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), value);
        }
    }

    private static void remove(JsonNode parent, String key) {
        if (parent instanceof ObjectNode object) {
            object.remove(key);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(key));
        }
    }

    private static JsonNode nest(int depth) {
        ArrayNode root = JSON.createArrayNode();
        ArrayNode current = root;
        for (int i = 1; i < Math.min(depth, 900); i++) {
            current = current.addArray();
        }
        return root;
    }

    /** {body, content type, description} for a whole-body mutation. */
    private String[] wholeBody() {
        return switch (random.nextInt(14)) {
            case 0 -> new String[] {"", "application/json", "empty"};
            case 1 -> new String[] {"null", "application/json", "null"};
            case 2 -> new String[] {"[]", "application/json", "array"};
            case 3 -> new String[] {"\"text\"", "application/json", "string"};
            case 4 -> new String[] {"{", "application/json", "truncated"};
            case 5 -> new String[] {"not json at all", "application/json", "not json"};
            case 6 -> new String[] {"[".repeat(10_000) + "]".repeat(10_000), "application/json", "10,000 nested arrays"};
            case 7 -> new String[] {"{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), "application/json",
                    "5,000 nested objects"};
            case 8 -> new String[] {"1e400", "application/json", "1e400"};
            case 9 -> new String[] {"{\"name\":\"x\"}", "text/plain", "text/plain"};
            case 10 -> new String[] {"<a/>", "application/xml", "xml"};
            case 11 -> new String[] {"{\"x\":1}", null, "no content type"};
            case 12 -> new String[] {"{\"\\u0000\":1,\"\\ud800\":2}", "application/json", "unstorable keys"};
            default -> new String[] {"{\"a\":\"" + "\\u0000".repeat(100) + "\"}", "application/json", "NULs"};
        };
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "...(" + value.length() + ")" : value;
    }
}
