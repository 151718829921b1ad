package io.modelfleet.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutboundAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "https://127.0.0.1:6443|a loopback address",
        "https://127.8.9.10|a loopback address",
        "https://2130706433:6443|a loopback address",
        "https://0177.0.0.1|a loopback address",
        "https://017700000001|a loopback address",
        "https://[::1]:6443|a loopback address",
        "https://[::ffff:127.0.0.1]|a loopback address",
        "https://[::ffff:7f00:1]|a loopback address",
        "https://[::127.0.0.1]|a loopback address embedded in an IPv6 address",
        "https://[64:ff9b::7f00:1]|a loopback address embedded in an IPv6 address",
        "https://[2002:7f00:1::1]|a loopback address embedded in an IPv6 address",
        "https://169.254.169.254/latest/meta-data|the cloud metadata address",
        "https://2852039166|the cloud metadata address",
        "https://0251.0376.0251.0376|the cloud metadata address",
        "https://[::ffff:169.254.169.254]|the cloud metadata address",
        "https://[fd00:ec2::254]|the cloud metadata address",
        "https://169.254.10.20:443|a link-local address",
        "https://[fe80::1%25eth0]:6443|a link-local address",
        "https://[fe80::abcd]|a link-local address",
        "https://0.0.0.0:6443|an unspecified address",
        "https://0:6443|an unspecified address",
        "https://[::]:6443|an unspecified address",
        "https://user@127.0.0.1:6443/path|a loopback address",
    })
    void everyNotationOfAForbiddenAddressIsRecognised(String url, String kind) {
        String why = OutboundAddresses.forbiddenLiteral(url).orElseThrow();
        assertEquals(true, why.contains("which is " + kind), why);
    }

    @Test
    void theTextNamesTheHostAsWrittenAndTheAddressItMeans() {
        assertEquals(Optional.of("names 2130706433, which is a loopback address (127.0.0.1)"),
                OutboundAddresses.forbiddenLiteral("https://2130706433:6443"));
        assertEquals(Optional.of("names 127.0.0.1, which is a loopback address"),
                OutboundAddresses.forbiddenLiteral("https://127.0.0.1:6443"));
        assertEquals(Optional.of("names host 'localhost', which is always a loopback address"),
                OutboundAddresses.forbiddenLiteral("https://localhost:6443"));
        assertEquals(Optional.of("names host 'api.LOCALHOST.', which is always a loopback address"),
                OutboundAddresses.forbiddenLiteral("https://api.LOCALHOST.:6443"));
    }

    @ParameterizedTest(name = "{0} is allowed")
    @CsvSource({
        "https://10.0.0.5:6443", "https://192.168.1.10", "https://172.16.0.1", "https://[fd00::1]",
        "https://[2001:db8::1]", "https://ABC.gr7.us-east-1.eks.amazonaws.com", "https://api.example.internal:6443",
        "https://127.example.com", "https://0x.example", "https://[::ffff:10.0.0.1]", "not a url at all",
    })
    void privateNetworksAndDnsNamesAreNotJudgedByTheLiteralCheck(String url) {
        assertEquals(Optional.empty(), OutboundAddresses.forbiddenLiteral(url));
    }

    @Test
    void aDnsNameThatResolvesToAForbiddenAddressIsRefusedWithoutNamingTheAddress() throws Exception {
        Map<String, InetAddress[]> dns = Map.of(
                "api.rebound.example", new InetAddress[] {InetAddress.getByName("10.0.0.5"),
                        InetAddress.getByName("127.0.0.1")},
                "metadata.example", new InetAddress[] {InetAddress.getByName("169.254.169.254")},
                "api.fine.example", new InetAddress[] {InetAddress.getByName("10.0.0.5")});
        OutboundAddresses addresses = new OutboundAddresses(host -> {
            InetAddress[] found = dns.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found;
        });
        assertEquals(Optional.of("host api.rebound.example resolves to a loopback address; only an admin may point"
                + " a target there, by writing the address itself"),
                addresses.forbiddenResolved(URI.create("https://api.rebound.example:6443/api/v1/pods")));
        assertEquals(Optional.of("host metadata.example resolves to the cloud metadata address; only an admin may"
                + " point a target there, by writing the address itself"),
                addresses.forbiddenResolved(URI.create("https://metadata.example/")));
        assertEquals(Optional.empty(), addresses.forbiddenResolved(URI.create("https://api.fine.example/")));
        assertEquals(Optional.empty(), addresses.forbiddenResolved(URI.create("https://unknown.example/")),
                "no address, no connection: the attempt fails by itself");
        assertEquals(Optional.empty(), addresses.forbiddenResolved(URI.create("https://127.0.0.1:6443/")),
                "a literal address was judged when it was stored (an admin may write one)");
        assertEquals(Optional.empty(), addresses.forbiddenResolved(URI.create("https://localhost:6443/")));
    }
}
