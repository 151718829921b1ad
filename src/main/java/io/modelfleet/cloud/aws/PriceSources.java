package io.modelfleet.cloud.aws;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The narrow views of AWS that price refreshes need, one call each, so the refresh logic is tested with fakes
 * and the SDK adapters are tested against stub servers speaking the real protocols.
 */
public final class PriceSources {

    private PriceSources() {
    }

    /** On-demand Linux shared-tenancy USD/hour per instance type in a region (Pricing GetProducts). */
    public interface OnDemandPrices {
        Map<String, Double> onDemand(String region, Collection<String> instanceTypes);
    }

    /** Current spot USD/hour per instance type in a region: the highest of its zones (EC2 spot price history). */
    public interface SpotPrices {
        Map<String, Double> spot(String region, Collection<String> instanceTypes);
    }

    /** Which instance types a region offers at all (EC2 DescribeInstanceTypeOfferings). */
    public interface Offerings {
        Set<String> offered(String region, Collection<String> instanceTypes);
    }
}
