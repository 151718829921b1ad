package io.modelfleet.api.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The document's schemas of {@link io.modelfleet.api.Problem} and {@link io.modelfleet.api.FieldError}, written
 * out by hand because no operation returns a Problem as its Java type (exception mappers do), so the scanner never
 * sees one.
 */
final class ProblemSchemas {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    private ProblemSchemas() {
    }

    static Schema problem() {
        return OASFactory.createSchema().type(List.of(SchemaType.OBJECT))
                .description("RFC 9457 problem document; errors lists the offending fields of a validation failure")
                .additionalPropertiesBoolean(false)
                .required(List.of("type", "title", "status"))
                .addProperty("type", text("URI naming the kind of problem"))
                .addProperty("title", text("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().type(List.of(SchemaType.INTEGER)).format("int32"))
                .addProperty("detail", text("What went wrong with this request"))
                .addProperty("instance", text("The request path"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR)));
    }

    static Schema fieldError() {
        return OASFactory.createSchema().type(List.of(SchemaType.OBJECT)).additionalPropertiesBoolean(false)
                .required(List.of("field", "message"))
                .addProperty("field", text("JSON path of the field, such as benchmarks[0].p99LatencyMs"))
                .addProperty("message", text("What is wrong with it"));
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().type(List.of(SchemaType.STRING)).description(description);
    }
}
