package io.modelfleet.cloud.aws;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

/** EC2 vCPU quota values of a region from Service Quotas (GetServiceQuota, service code ec2). */
public class ServiceQuotaSource {

    private final AwsClients clients;

    public ServiceQuotaSource(AwsClients clients) {
        this.clients = clients;
    }

    /** Quota code → vCPU limit; codes the account has no value for are left out. */
    public Map<String, Double> vcpuLimits(String region, Collection<String> codes) {
        Map<String, Double> out = new LinkedHashMap<>();
        try (ServiceQuotasClient quotas = clients.quotas(region)) {
            for (String code : codes) {
                try {
                    Double value = quotas.getServiceQuota(b -> b.serviceCode("ec2").quotaCode(code)).quota().value();
                    if (value != null) {
                        out.put(code, value);
                    }
                } catch (NoSuchResourceException e) {
                    // The account has no such quota in this region (e.g. F instances where F2 is not offered).
                }
            }
        }
        return out;
    }
}
