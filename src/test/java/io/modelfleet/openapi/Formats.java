package io.modelfleet.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The "format" values the API declares, checked the way RFC 3339 / RFC 4122 / OpenAPI define them. */
final class Formats {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Formats() {
    }

    /** True when the value conforms to the format, or the format is one this validator does not know. */
    static boolean conforms(String format, JsonNode value) {
        return switch (format) {
            case "uuid" -> !value.isTextual() || UUID.matcher(value.asText()).matches();
            case "date-time" -> !value.isTextual() || isDateTime(value.asText());
            case "int32" -> !value.isNumber() || value.canConvertToInt() && value.isIntegralNumber();
            case "int64" -> !value.isNumber() || value.canConvertToLong() && value.isIntegralNumber();
            default -> true;
        };
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
