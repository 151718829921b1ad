package io.modelfleet.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A successful answer: its status, the {@code Location} header when there was one, and the JSON body. */
public record ApiResponse(int status, Optional<String> location, JsonNode body) {
}
