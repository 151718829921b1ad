package io.modelfleet.catalog.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelfleet.api.security.Role;
import io.modelfleet.catalog.dto.CatalogImport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/import")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "import", description = "Idempotent bulk upsert of hardware profiles and models with variants")
public class ImportResource {

    private final CatalogImportService imports;

    public ImportResource(CatalogImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "Counts of created, updated and unchanged documents")
    @APIResponse(responseCode = "409", description = "A document conflicts with what is stored; nothing is written")
    public Uni<CatalogImport.Result> importJson(CatalogImport batch) {
        return imports.load(batch);
    }

    /** The same documents as YAML, e.g. the files of profiles/ concatenated under the two keys. */
    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    @RolesAllowed(Role.OPERATOR_NAME)
    @APIResponse(responseCode = "200", description = "Counts of created, updated and unchanged documents")
    @APIResponse(responseCode = "409", description = "A document conflicts with what is stored; nothing is written")
    public Uni<CatalogImport.Result> importYaml(String body) throws JsonProcessingException {
        return imports.load(ProfilesDirectory.YAML.readValue(body, CatalogImport.class));
    }
}
