package io.modelfleet.api.openapi;

import io.modelfleet.api.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated document with what holds for every operation under /api/ and that annotations on each
 * method would only repeat (docs/api.md): every 4xx/5xx answer is an application/problem+json {@code Problem};
 * every operation needs the bearer token (401 without a valid one, 403 for a role below the operation's, 429 while
 * the client address is blocked after failed authentications); an operation with parameters or a body can be a
 * 400, one with a body a 413 or 415. Operation-specific answers (201, 204, 404, 409, 412, 422) stay on the methods.
 * Registered by {@code mp.openapi.filter} in application.properties.
 */
public class ApiDocumentFilter implements OASFilter {

    static final String SECURITY_SCHEME = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema(ProblemSchemas.PROBLEM, ProblemSchemas.problem());
        openAPI.getComponents().addSchema(ProblemSchemas.FIELD_ERROR, ProblemSchemas.fieldError());
        // quarkus.smallrye-openapi.security-scheme=jwt writes bearerFormat JWT, but API tokens are opaque secrets.
        SecurityScheme bearer = openAPI.getComponents().getSecuritySchemes() == null ? null
                : openAPI.getComponents().getSecuritySchemes().get(SECURITY_SCHEME);
        if (bearer != null) {
            bearer.setBearerFormat("opaque API token");
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            path.getValue().getOperations().values().forEach(ApiDocumentFilter::complete);
        }
    }

    private static void complete(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME));
        }
        APIResponses responses = operation.getResponses();
        addIfAbsent(responses, "401", "No token, or one that is unknown, revoked, expired or rotated out");
        addIfAbsent(responses, "403", "The token's role is below the operation's");
        addIfAbsent(responses, "429", "The client address is blocked after too many failed authentications");
        boolean hasBody = operation.getRequestBody() != null;
        if (hasBody || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            addIfAbsent(responses, "400", "A parameter or the body breaks a rule; errors names each field");
        }
        if (hasBody) {
            addIfAbsent(responses, "413", "The body is larger than modelfleet.api.max-body-bytes");
            addIfAbsent(responses, "415", "The body is not in a media type the operation reads");
        }
        // A PUT that creates answers what one that replaces does (NamedResourceEndpoints), but an annotation on a
        // generic method cannot name the type: the scanner puts it on the 200 only, so the 201 takes the 200's.
        APIResponse ok = responses.getAPIResponse("200");
        APIResponse created = responses.getAPIResponse("201");
        if (ok != null && created != null && created.getContent() == null) {
            created.setContent(ok.getContent());
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory
                        .createMediaType().schema(OASFactory.createSchema().ref(ProblemSchemas.PROBLEM_REF))));
            }
        });
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            APIResponse response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(code, response);
        }
    }
}
