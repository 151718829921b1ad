package io.modelfleet.catalog.rest;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Names;
import io.modelfleet.api.NamedResourceEndpoints;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.common.Saved;
import io.modelfleet.catalog.dto.ModelSpec;
import io.modelfleet.catalog.dto.ModelView;
import io.modelfleet.catalog.service.ModelRules;
import io.modelfleet.catalog.service.ModelService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "models", description = "Model families; deleting one deletes its variants")
public class ModelResource extends NamedResourceEndpoints<ModelSpec, ModelView> {

    private final ModelService service;

    public ModelResource(ModelService service, ApiConfig api) {
        super(api.maxPageSize(), ModelView::revision);
        this.service = service;
    }

    @Override
    protected Uni<Page<ModelView>> listPage(PageRequest page) {
        return service.list(page);
    }

    @Override
    protected Uni<ModelView> find(String name) {
        return service.get(name);
    }

    @Override
    protected ModelSpec normalize(String name, ModelSpec body) {
        return ModelRules.normalize(Names.fromPath(name, body == null ? null : body.name()), body);
    }

    @Override
    protected Uni<Saved<ModelView>> save(ModelSpec spec, String ifMatch) {
        return service.put(spec, ifMatch);
    }

    @Override
    protected Uni<Void> remove(String name, String ifMatch) {
        return service.delete(name, ifMatch);
    }
}
