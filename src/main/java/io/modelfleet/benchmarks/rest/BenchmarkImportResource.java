package io.modelfleet.benchmarks.rest;

import io.modelfleet.api.ProblemException;
import io.modelfleet.api.security.Role;
import io.modelfleet.benchmarks.dto.ImportResult;
import io.modelfleet.benchmarks.service.BenchmarkImports;
import io.modelfleet.benchmarks.service.BenchmarkRows;
import io.modelfleet.benchmarks.service.ImportRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/models/{model}/variants/{id}/benchmarks/import")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "variants", description = "Deployable variants of a model version, with benchmark rows per hardware")
public class BenchmarkImportResource {

    private final BenchmarkImports imports;
    private final SecurityIdentity identity;

    public BenchmarkImportResource(BenchmarkImports imports, SecurityIdentity identity) {
        this.imports = imports;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.OPERATOR_NAME)
    @RequestBody(description = "The tool's output file as it wrote it: perf_analyzer -f CSV, mlperf_log_summary.txt,"
            + " Model Analyzer metrics CSV or JSON, or SageMaker DescribeInferenceRecommendationsJob JSON",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi
                    .annotations.enums.SchemaType.STRING)),
                @Content(mediaType = "text/plain", schema = @Schema(type = org.eclipse.microprofile.openapi
                        .annotations.enums.SchemaType.STRING)),
                @Content(mediaType = "application/json", schema = @Schema(type = org.eclipse.microprofile.openapi
                        .annotations.enums.SchemaType.OBJECT))})
    @APIResponse(responseCode = "201", description = "Rows created or replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "200", description = "The same file was imported already: nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "A malformed file (the problem names the line and column) or a"
            + " bad parameter")
    @APIResponse(responseCode = "404", description = "No such model or variant")
    @APIResponse(responseCode = "422", description = "A result the tool itself marked unusable (MLPerf INVALID,"
            + " an accuracy-only run)")
    public Uni<RestResponse<ImportResult>> importFile(@PathParam("model") String model, @PathParam("id") UUID id,
            @Parameter(description = "perf_analyzer, mlperf, model_analyzer or sagemaker; detected when absent")
            @QueryParam("format") String format,
            @Parameter(description = "the hardware profile measured; required unless the file names it")
            @QueryParam("hardware") String hardware,
            @Parameter(description = "for files that do not record it (perf_analyzer: its -b); default 1")
            @QueryParam("batchSize") String batchSize,
            @Parameter(description = "for files that record neither concurrency nor request rate; default 1")
            @QueryParam("concurrency") String concurrency,
            @QueryParam("acceleratorsPerReplica") String accelerators,
            @QueryParam("vcpusPerReplica") String vcpus,
            @QueryParam("memoryGiBPerReplica") String memory,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ImportRequest request = new ImportRequest(model, id, blankToNull(format), contentType, blankToNull(hardware),
                integer("batchSize", batchSize), integer("concurrency", concurrency),
                new BenchmarkRows.PerReplica(integer("acceleratorsPerReplica", accelerators),
                        number("vcpusPerReplica", vcpus), number("memoryGiBPerReplica", memory)),
                body, identity.getPrincipal().getName());
        return imports.importFile(request).map(result -> result.unchanged() ? RestResponse.ok(result)
                : RestResponse.status(RestResponse.Status.CREATED, result));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Integer integer(String field, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a whole number, was '" + shorten(value) + "'");
        }
    }

    private static Double number(String field, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a number, was '" + shorten(value) + "'");
        }
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
