package io.modelfleet.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem document. Database-level conflicts are the backstop for races
 * that the services' own checks cannot see (two creates of one name, a reference removed concurrently); the
 * services report the usual cases first with a more specific message.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    /** Declared separately: Quarkus ships its own mappers for these subtypes, and the most specific one wins. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated("an API token is required: send Authorization: Bearer <token>", uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated("the API token is unknown, revoked or expired", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(simple("forbidden", "Forbidden", 403,
                "this token's role may not do this; see the roles in docs/api.md"), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(jsonProblem(json), uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status == 404 ? "no such resource: " + uri.getPath()
                : e.getMessage() == null ? title : e.getMessage();
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(simple(slug(title), title, status, detail).withInstance(uri.getPath()));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return respond(problem.problem(), uri);
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return respond(ProblemException.stale("the resource was changed by another request while this one"
                        + " ran; read it again and retry").problem(), uri);
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("23")) {
                return respond(ProblemException.conflict(constraintDetail(pg)).problem(), uri);
            }
        }
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return respond(simple("internal", "Internal error", 500,
                "the request failed unexpectedly; the server log has the details"), uri);
    }

    private static Response unauthenticated(String detail, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"modelfleet\"")
                .entity(simple("unauthorized", "Unauthorized", 401, detail).withInstance(uri.getPath()))
                .build();
    }

    private static Problem jsonProblem(JsonProcessingException e) {
        String at = "";
        if (e instanceof StreamReadException read && !(e instanceof StreamConstraintsException)
                && read.getProcessor() != null) {
            // The parser still knows which field it was reading: a number outside its field's type (2^63 for a
            // long) names that field; a key given twice or a body cut short says where. Limits (nesting depth)
            // are about the body, not a field.
            String field = path(read.getProcessor().getParsingContext());
            if (!field.isEmpty() && e instanceof InputCoercionException) {
                return ProblemException.invalid(List.of(new FieldError(field, "is out of range: "
                        + read.getOriginalMessage()))).problem();
            }
            at = field.isEmpty() ? "" : " at " + field;
        }
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return simple("malformed-body", "Malformed body", 400,
                    "the body is not valid JSON" + at + ": " + e.getOriginalMessage());
        }
        String field = path(mapping.getPath());
        String message;
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            message = "unknown value '" + format.getValue() + "'; expected one of "
                    + Arrays.stream(format.getTargetType().getEnumConstants()).map(Object::toString)
                            .collect(Collectors.joining(", "));
        } else if (e instanceof InvalidFormatException text && text.getTargetType() == String.class) {
            message = e.getOriginalMessage(); // a string that cannot be stored (JsonInputLimits): say why
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            message = "expected " + describe(mismatch.getTargetType());
        } else {
            message = e.getOriginalMessage();
        }
        if (field.isEmpty()) {
            return simple("malformed-body", "Malformed body", 400, message);
        }
        return ProblemException.invalid(List.of(new FieldError(field, message))).problem();
    }

    private static String describe(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time such as 2027-01-01T00:00:00Z";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** Jackson's reference path as the dotted/indexed field name the API documents. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            }
        }
        return out.toString();
    }

    /** The parser's position as a field path: {@code benchmarks[0].batchSize}. */
    static String path(JsonStreamContext context) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push((c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return String.join("", parts);
    }

    private static String constraintDetail(PgException pg) {
        String constraint = pg.getConstraint() == null ? "a database constraint" : pg.getConstraint();
        return switch (pg.getSqlState()) {
            case "23505" -> "a resource with the same unique key already exists (" + constraint
                    + "); it was probably created concurrently";
            case "23503" -> "the change breaks a reference (" + constraint
                    + "): something it refers to is gone, or something still refers to it";
            default -> "the change violates " + constraint;
        };
    }

    private static Problem simple(String type, String title, int status, String detail) {
        return new Problem(Problem.TYPE_BASE + type, title, status, detail, null, null);
    }

    private static String slug(String title) {
        return title.toLowerCase().replace(' ', '-');
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri.getPath())).build();
    }
}
