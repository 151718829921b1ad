package io.modelfleet.fleet.quota;

import io.modelfleet.api.Names;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.modelfleet.common.Clock;
import io.modelfleet.planning.QuotaCodes;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** EC2 vCPU quotas, set by hand or read from AWS, that the planner enforces per account and region. */
@ApplicationScoped
public class QuotaService {

    public static final String MANUAL = "MANUAL";
    public static final String AWS = "AWS";
    /** Far above any EC2 account's limit, low enough that the planner's quota rows stay exact. */
    static final double MAX_LIMIT_VCPUS = 10_000_000;

    private final ServiceQuotaRepository quotas;

    private final io.modelfleet.placement.PlacementTriggers triggers;

    public QuotaService(ServiceQuotaRepository quotas, io.modelfleet.placement.PlacementTriggers triggers) {
        this.quotas = quotas;
        this.triggers = triggers;
    }

    /** Body of PUT /quotas/{region}/{code}. */
    public record QuotaSpec(Double limitVcpus, String accountId) {
    }

    public static void validate(String region, String code, QuotaSpec spec) {
        Violations v = new Violations();
        Names.regionIfPresent(v, "region", region);
        if (!QuotaCodes.BY_CODE.containsKey(code)) {
            v.add("code", "unknown EC2 vCPU quota code '" + code + "'; known: "
                    + String.join(", ", QuotaCodes.BY_CODE.keySet().stream().sorted().toList()));
        }
        if (spec == null) {
            v.add("limitVcpus", "is required");
        } else {
            v.range("limitVcpus", spec.limitVcpus(), 0, MAX_LIMIT_VCPUS);
            v.matches("accountId", spec.accountId(), "\\d{12}", "must be a 12-digit AWS account id");
        }
        v.throwIfAny();
    }

    /** Checks the scope of a refresh from AWS: a region, and an account id if one is given. */
    public static void validateScope(String region, String accountId) {
        Violations v = new Violations();
        if (v.required("region", region)) {
            Names.regionIfPresent(v, "region", region);
        }
        v.matches("accountId", accountId, "\\d{12}", "must be a 12-digit AWS account id");
        v.throwIfAny();
    }

    @WithTransaction
    public Uni<QuotaView> put(String region, String code, QuotaSpec spec) {
        return upsert(account(spec.accountId()), region, code, spec.limitVcpus(), MANUAL)
                .call(() -> triggers.fireInTransaction("quota " + code + " of " + region + " set"))
                .map(QuotaService::view);
    }

    /** Stores limits read from AWS for one account and region; one transaction. */
    @WithTransaction
    public Uni<List<QuotaView>> storeFromAws(String accountId, String region, Map<String, Double> limits) {
        return Multi.createFrom().iterable(limits.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList())
                .onItem().transformToUniAndConcatenate(e -> upsert(account(accountId), region, e.getKey(),
                        e.getValue(), AWS))
                .map(QuotaService::view).collect().asList()
                .call(() -> triggers.fireInTransaction("quota refresh of " + region));
    }

    @WithSession
    public Uni<List<QuotaView>> list() {
        return quotas.listAll(Sort.by("accountId").and("region").and("quotaCode"))
                .map(all -> all.stream().map(QuotaService::view).toList());
    }

    @WithTransaction
    public Uni<Void> delete(String accountId, String region, String code) {
        return quotas.findByKey(account(accountId), region, code).chain(q -> {
            if (q == null) {
                throw ProblemException.notFound("no quota " + code + " for " + region
                        + (accountId == null ? "" : " in account " + accountId));
            }
            return quotas.delete(q);
        });
    }

    private Uni<ServiceQuotaEntity> upsert(String accountId, String region, String code, double limit, String source) {
        return quotas.findByKey(accountId, region, code).chain(existing -> {
            ServiceQuotaEntity q = existing != null ? existing : new ServiceQuotaEntity();
            q.accountId = accountId;
            q.region = region;
            q.quotaCode = code;
            q.limitVcpus = limit;
            q.source = source;
            q.updatedAt = Clock.now();
            return existing != null ? Uni.createFrom().item(q) : quotas.persist(q);
        });
    }

    private static String account(String accountId) {
        return accountId == null ? "" : accountId;
    }

    static QuotaView view(ServiceQuotaEntity q) {
        return new QuotaView(q.accountId.isEmpty() ? null : q.accountId, q.region, q.quotaCode,
                QuotaCodes.BY_CODE.containsKey(q.quotaCode) ? QuotaCodes.BY_CODE.get(q.quotaCode).name() : q.quotaCode,
                q.limitVcpus, q.source, q.updatedAt);
    }
}
