package io.modelfleet.catalog.rest;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.Names;
import io.modelfleet.api.NamedResourceEndpoints;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.common.Saved;
import io.modelfleet.catalog.dto.HardwareProfileSpec;
import io.modelfleet.catalog.dto.HardwareProfileView;
import io.modelfleet.catalog.service.HardwareProfileRules;
import io.modelfleet.catalog.service.HardwareProfileService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/hardware-profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "hardware-profiles", description = "Instance types: capacity, native precisions, targeting, offerings")
public class HardwareProfileResource extends NamedResourceEndpoints<HardwareProfileSpec, HardwareProfileView> {

    private final HardwareProfileService service;

    public HardwareProfileResource(HardwareProfileService service, ApiConfig api) {
        super(api.maxPageSize(), HardwareProfileView::revision);
        this.service = service;
    }

    @Override
    protected Uni<Page<HardwareProfileView>> listPage(PageRequest page) {
        return service.list(page);
    }

    @Override
    protected Uni<HardwareProfileView> find(String name) {
        return service.get(name);
    }

    @Override
    protected HardwareProfileSpec normalize(String name, HardwareProfileSpec body) {
        return HardwareProfileRules.normalize(Names.fromPath(name, body == null ? null : body.name()), body);
    }

    @Override
    protected Uni<Saved<HardwareProfileView>> save(HardwareProfileSpec spec, String ifMatch) {
        return service.put(spec, ifMatch);
    }

    @Override
    protected Uni<Void> remove(String name, String ifMatch) {
        return service.delete(name, ifMatch);
    }
}
