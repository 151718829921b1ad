package io.modelfleet.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks every decoded path parameter and query parameter of a matched request before its resource method runs,
 * so no endpoint can forget it: no NUL or unpaired surrogate ({@link Texts}), path parameters at most
 * {@value #MAX_PATH_PARAMETER} characters (the longest name the API stores is 253), query values at most
 * {@value #MAX_QUERY_VALUE}. The 400 names the parameter as {@code path.<name>} or {@code query.<name>}.
 */
public class RequestParameterGuard {

    static final int MAX_PATH_PARAMETER = 253;
    static final int MAX_QUERY_VALUE = 1024;
    static final int MAX_QUERY_VALUES = 64;

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        List<FieldError> errors = new ArrayList<>();
        check(errors, "path.", request.getUriInfo().getPathParameters(), MAX_PATH_PARAMETER);
        check(errors, "query.", request.getUriInfo().getQueryParameters(), MAX_QUERY_VALUE);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static void check(List<FieldError> errors, String prefix, MultivaluedMap<String, String> parameters,
            int maxLength) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String field = prefix + printable(parameter.getKey());
            if (Texts.problem(parameter.getKey()).isPresent()) {
                errors.add(new FieldError(field, "the parameter name " + Texts.problem(parameter.getKey()).get()));
                continue;
            }
            List<String> values = parameter.getValue();
            if (values.size() > MAX_QUERY_VALUES) {
                errors.add(new FieldError(field, "is given " + values.size() + " times; at most " + MAX_QUERY_VALUES
                        + " are accepted"));
                continue;
            }
            for (String value : values) {
                var problem = Texts.problem(value);
                if (problem.isPresent()) {
                    errors.add(new FieldError(field, problem.get()));
                    break;
                }
                if (value.length() > maxLength) {
                    errors.add(new FieldError(field, "must be at most " + maxLength + " characters, was "
                            + value.length()));
                    break;
                }
            }
        }
    }

    /** A parameter name as it can be echoed back (names that are themselves unstorable are shown escaped). */
    private static String printable(String name) {
        if (Texts.problem(name).isEmpty() && name.length() <= 64) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(64).forEach(cp -> {
            if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
