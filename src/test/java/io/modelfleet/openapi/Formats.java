package io.modelfleet.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
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
            case "int32" -> !value.isNumber() || isWhole(value) && fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "int64" -> !value.isNumber() || isWhole(value) && fits(value, Long.MIN_VALUE, Long.MAX_VALUE);
            default -> true;
        };
    }

    /** JSON Schema counts 2.0 as an integer: the value, not its spelling, decides. */
    private static boolean isWhole(JsonNode value) {
        return value.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    private static boolean fits(JsonNode value, long min, long max) {
        BigDecimal number = value.decimalValue();
        return number.compareTo(BigDecimal.valueOf(min)) >= 0 && number.compareTo(BigDecimal.valueOf(max)) <= 0;
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
