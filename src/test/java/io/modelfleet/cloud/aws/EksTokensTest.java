package io.modelfleet.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class EksTokensTest {

    private static final Instant SIGNED = Instant.parse("2026-11-22T03:00:00Z");
    private final StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

    @Test
    void tokenDecodesToAPresignedGetCallerIdentityWithTheClusterHeaderSigned() {
        String token = new EksTokens(credentials, Clock.fixed(SIGNED, ZoneOffset.UTC)).token("us-east-1", "prod-use1");
        assertTrue(token.startsWith("k8s-aws-v1."));
        String encoded = token.substring("k8s-aws-v1.".length());
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), "base64url without padding");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        assertEquals("https", url.getScheme());
        assertEquals("sts.us-east-1.amazonaws.com", url.getHost());
        Map<String, String> q = query(url);
        assertEquals("GetCallerIdentity", q.get("Action"));
        assertEquals("2011-06-15", q.get("Version"));
        assertEquals("AWS4-HMAC-SHA256", q.get("X-Amz-Algorithm"));
        assertEquals("AKIDEXAMPLE/20261122/us-east-1/sts/aws4_request", q.get("X-Amz-Credential"));
        assertEquals("20261122T030000Z", q.get("X-Amz-Date"));
        assertEquals("60", q.get("X-Amz-Expires"));
        assertEquals("host;x-k8s-aws-id", q.get("X-Amz-SignedHeaders"));
        assertTrue(q.get("X-Amz-Signature").matches("[0-9a-f]{64}"));
        assertTrue(token.length() < 4096, "tokens stay under the authenticator's 4 KiB limit");
    }

    @Test
    void theClusterNameIsPartOfTheSignature() {
        EksTokens tokens = new EksTokens(credentials, Clock.fixed(SIGNED, ZoneOffset.UTC));
        assertEquals(tokens.token("us-east-1", "a"), tokens.token("us-east-1", "a"));
        assertNotEquals(query(decode(tokens.token("us-east-1", "a"))).get("X-Amz-Signature"),
                query(decode(tokens.token("us-east-1", "b"))).get("X-Amz-Signature"));
    }

    @Test
    void providerReSignsBeforeTheFifteenMinutesRunOut() {
        MutableClock clock = new MutableClock(SIGNED);
        var provider = new EksTokens(credentials, clock).provider("eu-west-1", "c");
        String first = provider.getToken();
        clock.now = SIGNED.plus(Duration.ofMinutes(9));
        assertEquals(first, provider.getToken(), "reused while fresh");
        clock.now = SIGNED.plus(Duration.ofMinutes(10));
        String second = provider.getToken();
        assertNotEquals(first, second, "re-signed after 10 minutes, 5 before the token expires");
        assertEquals("20261122T031000Z", query(decode(second)).get("X-Amz-Date"));
    }

    private static URI decode(String token) {
        return URI.create(new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
