package io.modelfleet.cloud.aws;

import static io.modelfleet.cloud.aws.AwsStubServer.json;
import static io.modelfleet.cloud.aws.AwsStubServer.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The SDK adapters against a stub speaking the real wire protocols: Pricing (JSON 1.1) and EC2 (query/XML). */
class AwsPriceSourcesTest {

    private AwsStubServer stub;
    private AwsPriceSources sources;

    @BeforeEach
    void start() throws Exception {
        stub = new AwsStubServer();
        sources = new AwsPriceSources(new AwsClients(Optional.of(stub.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /** A PriceList entry shaped like the real one: product attributes and an OnDemand term, as a JSON string. */
    static String priceItem(String type, String usd) {
        String sku = "SKU" + type.hashCode();
        String doc = "{\"product\":{\"productFamily\":\"Compute Instance\",\"attributes\":{\"instanceType\":\"" + type
                + "\",\"regionCode\":\"us-east-1\",\"operatingSystem\":\"Linux\",\"tenancy\":\"Shared\","
                + "\"preInstalledSw\":\"NA\",\"capacitystatus\":\"Used\",\"usagetype\":\"BoxUsage:" + type + "\"},"
                + "\"sku\":\"" + sku + "\"},\"serviceCode\":\"AmazonEC2\",\"terms\":{\"OnDemand\":{\"" + sku
                + ".JRTCKXETXF\":{\"priceDimensions\":{\"" + sku + ".JRTCKXETXF.6YS6EN2CT7\":{\"unit\":\"Hrs\","
                + "\"pricePerUnit\":{\"USD\":\"" + usd + "\"},\"description\":\"$" + usd + " per On Demand Linux "
                + type + " Instance Hour\",\"beginRange\":\"0\",\"endRange\":\"Inf\"}},\"sku\":\"" + sku
                + "\",\"offerTermCode\":\"JRTCKXETXF\"}}}}";
        return "\"" + doc.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void onDemandPricesFollowNextTokenAndRetryThrottling() {
        stub.failFirst(AwsStubServer.jsonError(400, "ThrottlingException", "Rate exceeded"));
        stub.on("GetProducts", r -> r.body().contains("\"NextToken\":\"page-2\"")
                ? json("{\"FormatVersion\":\"aws_v1\",\"PriceList\":[" + priceItem("g4dn.xlarge", "0.5260000000")
                        + "]}")
                : json("{\"FormatVersion\":\"aws_v1\",\"NextToken\":\"page-2\",\"PriceList\":[]}"));
        Map<String, Double> prices = sources.onDemand("us-east-1", List.of("g4dn.xlarge"));
        assertEquals(Map.of("g4dn.xlarge", 0.526), prices);
        AwsStubServer.Request first = stub.requests.get(1);
        assertEquals("AWSPriceListService.GetProducts", first.headers().get("x-amz-target"));
        assertTrue(first.body().contains("\"Field\":\"instanceType\"") && first.body().contains("\"Value\":\"g4dn.xlarge\""));
        assertTrue(first.body().contains("\"Field\":\"regionCode\"") && first.body().contains("\"Type\":\"TERM_MATCH\""));
        assertEquals(3, stub.count("GetProducts"), "throttled once, then two pages");
    }

    @Test
    void spotPricesTakeEachZonesLatestAndTheHighestZoneAcrossPages() {
        stub.failFirst(AwsStubServer.queryError(503, "Unavailable", "try again"));
        stub.on("DescribeSpotPriceHistory", r -> r.form().containsKey("NextToken") ? xml(spotPage(
                item("g4dn.xlarge", "0.201000", "2026-11-22T02:00:00.000Z", "us-east-1b"), ""))
                : xml(spotPage(item("g4dn.xlarge", "0.183400", "2026-11-22T03:00:00.000Z", "us-east-1a")
                        + item("g4dn.xlarge", "0.150000", "2026-11-22T01:00:00.000Z", "us-east-1a")
                        + item("c6i.xlarge", "0.061200", "2026-11-22T03:00:00.000Z", "us-east-1a"),
                        "<nextToken>p2</nextToken>")));
        Map<String, Double> prices = sources.spot("us-east-1", List.of("g4dn.xlarge", "c6i.xlarge"));
        assertEquals(Map.of("g4dn.xlarge", 0.201, "c6i.xlarge", 0.0612), prices);
        AwsStubServer.Request request = stub.requests.get(1);
        assertEquals("Linux/UNIX", request.form().get("ProductDescription.1"));
        assertEquals("g4dn.xlarge", request.form().get("InstanceType.1"));
    }

    @Test
    void offeringsAreReadPerRegionWithFilters() {
        stub.on("DescribeInstanceTypeOfferings", r -> xml("<DescribeInstanceTypeOfferingsResponse xmlns="
                + "\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><instanceTypeOfferingSet>"
                + "<item><instanceType>g4dn.xlarge</instanceType><locationType>region</locationType>"
                + "<location>eu-west-1</location></item></instanceTypeOfferingSet>"
                + "</DescribeInstanceTypeOfferingsResponse>"));
        Set<String> offered = sources.offered("eu-west-1", List.of("g4dn.xlarge", "f2.6xlarge"));
        assertEquals(Set.of("g4dn.xlarge"), offered);
        AwsStubServer.Request request = stub.requests.get(0);
        assertEquals("region", request.form().get("LocationType"));
        assertEquals("location", request.form().get("Filter.1.Name"));
        assertEquals("eu-west-1", request.form().get("Filter.1.Value.1"));
        assertEquals("instance-type", request.form().get("Filter.2.Name"));
        assertTrue(request.headers().get("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    }

    @Test
    void expiredCredentialsAreAClearError() {
        stub.on("GetProducts", r -> AwsStubServer.jsonError(400, "ExpiredTokenException",
                "The security token included in the request is expired"));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> sources.onDemand("us-east-1", List.of("g4dn.xlarge")));
        assertTrue(AwsErrors.describe(e).startsWith("AWS credentials have expired (ExpiredTokenException)"),
                AwsErrors.describe(e));
    }

    private static String spotPage(String items, String next) {
        return "<DescribeSpotPriceHistoryResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r"
                + "</requestId><spotPriceHistorySet>" + items + "</spotPriceHistorySet>" + next
                + "</DescribeSpotPriceHistoryResponse>";
    }

    private static String item(String type, String price, String time, String zone) {
        return "<item><instanceType>" + type + "</instanceType><productDescription>Linux/UNIX</productDescription>"
                + "<spotPrice>" + price + "</spotPrice><timestamp>" + time + "</timestamp><availabilityZone>" + zone
                + "</availabilityZone></item>";
    }
}
