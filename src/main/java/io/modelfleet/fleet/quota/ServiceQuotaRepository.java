package io.modelfleet.fleet.quota;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ServiceQuotaRepository implements PanacheRepositoryBase<ServiceQuotaEntity, Long> {

    public Uni<ServiceQuotaEntity> findByKey(String accountId, String region, String code) {
        return find("accountId = ?1 and region = ?2 and quotaCode = ?3", accountId, region, code).firstResult();
    }
}
