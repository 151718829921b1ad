package io.modelfleet.cloud.aws;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/** S3 as the verification test describes it (a singleton: the test sets the objects directly). */
@Mock
@Singleton
public class FakeArtifactStore extends ArtifactStore {

    final Map<String, Facts> objects = new HashMap<>();

    public FakeArtifactStore() {
        super(null, "us-east-1");
    }

    /** What S3 holds at a URI, for tests outside this package (the OpenAPI conformance session). */
    public void put(String artifactUri, Facts facts) {
        objects.put(artifactUri, facts);
    }

    @Override
    public Facts head(String artifactUri) {
        return objects.getOrDefault(artifactUri, new Facts(false, 0, java.util.Optional.empty()));
    }
}
