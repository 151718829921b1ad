package io.modelfleet.cloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.SpotPrice;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;

/**
 * The SDK behind {@link PriceSources}: GetProducts with the EC2 filters of reference/hardware.md §5 (each
 * PriceList entry is a JSON string, OnDemand term JRTCKXETXF), DescribeSpotPriceHistory for "Linux/UNIX" since
 * now (the latest price per zone), DescribeInstanceTypeOfferings by region. Paginators follow NextToken.
 */
public final class AwsPriceSources implements PriceSources.OnDemandPrices, PriceSources.SpotPrices,
        PriceSources.Offerings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients clients;

    public AwsPriceSources(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Map<String, Double> onDemand(String region, Collection<String> instanceTypes) {
        Map<String, Double> prices = new HashMap<>();
        try (PricingClient pricing = clients.pricing()) {
            for (String type : instanceTypes) {
                GetProductsRequest request = GetProductsRequest.builder().serviceCode("AmazonEC2")
                        .formatVersion("aws_v1").filters(
                                filter("instanceType", type), filter("regionCode", region),
                                filter("operatingSystem", "Linux"), filter("tenancy", "Shared"),
                                filter("preInstalledSw", "NA"), filter("capacitystatus", "Used"),
                                filter("licenseModel", "No License required"))
                        .build();
                pricing.getProductsPaginator(request).priceList()
                        .forEach(item -> onDemandPrice(item).ifPresent(p -> prices.merge(type, p, Math::min)));
            }
        }
        return prices;
    }

    private static software.amazon.awssdk.services.pricing.model.Filter filter(String field, String value) {
        return software.amazon.awssdk.services.pricing.model.Filter.builder().type(FilterType.TERM_MATCH)
                .field(field).value(value).build();
    }

    /** The USD per hour of the OnDemand term of one PriceList entry (a JSON document in a string). */
    static java.util.Optional<Double> onDemandPrice(String priceListItem) {
        try {
            JsonNode terms = JSON.readTree(priceListItem).path("terms").path("OnDemand");
            for (JsonNode term : terms) {
                for (JsonNode dimension : term.path("priceDimensions")) {
                    if ("Hrs".equals(dimension.path("unit").asText())) {
                        double usd = Double.parseDouble(dimension.path("pricePerUnit").path("USD").asText("0"));
                        if (usd > 0) {
                            return java.util.Optional.of(usd);
                        }
                    }
                }
            }
            return java.util.Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable PriceList entry from the Pricing API", e);
        }
    }

    @Override
    public Map<String, Double> spot(String region, Collection<String> instanceTypes) {
        Map<String, Map<String, SpotPrice>> latestByTypeAndZone = new HashMap<>();
        try (Ec2Client ec2 = clients.ec2(region)) {
            DescribeSpotPriceHistoryRequest request = DescribeSpotPriceHistoryRequest.builder()
                    .instanceTypesWithStrings(instanceTypes).productDescriptions("Linux/UNIX")
                    .startTime(Instant.now()).build();
            ec2.describeSpotPriceHistoryPaginator(request).spotPriceHistory().forEach(p -> latestByTypeAndZone
                    .computeIfAbsent(p.instanceTypeAsString(), k -> new HashMap<>())
                    .merge(p.availabilityZone(), p, (a, b) -> a.timestamp().isAfter(b.timestamp()) ? a : b));
        }
        Map<String, Double> out = new HashMap<>();
        latestByTypeAndZone.forEach((type, zones) -> out.put(type, zones.values().stream()
                .mapToDouble(p -> Double.parseDouble(p.spotPrice())).max().orElseThrow()));
        return out;
    }

    @Override
    public Set<String> offered(String region, Collection<String> instanceTypes) {
        Set<String> offered = new HashSet<>();
        try (Ec2Client ec2 = clients.ec2(region)) {
            DescribeInstanceTypeOfferingsRequest request = DescribeInstanceTypeOfferingsRequest.builder()
                    .locationType(LocationType.REGION)
                    .filters(Filter.builder().name("location").values(region).build(),
                            Filter.builder().name("instance-type").values(List.copyOf(instanceTypes)).build())
                    .build();
            ec2.describeInstanceTypeOfferingsPaginator(request).instanceTypeOfferings()
                    .forEach(o -> offered.add(o.instanceTypeAsString()));
        }
        return offered;
    }
}
