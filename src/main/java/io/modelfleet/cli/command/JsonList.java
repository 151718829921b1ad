package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.modelfleet.cli.api.ApiClient;

/** A JSON array of given nodes. */
final class JsonList {

    private JsonList() {
    }

    static ArrayNode of(JsonNode... nodes) {
        ArrayNode array = ApiClient.JSON.createArrayNode();
        for (JsonNode n : nodes) {
            array.add(n);
        }
        return array;
    }
}
