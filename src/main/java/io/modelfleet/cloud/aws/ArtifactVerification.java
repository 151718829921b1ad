package io.modelfleet.cloud.aws;

import io.modelfleet.api.Problem;
import io.modelfleet.api.ProblemException;
import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.catalog.service.VariantService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Checks that a variant's S3 artifact exists with the declared size and SHA-256. A mismatch is a 422 that says
 * what S3 holds; an object S3 keeps no SHA-256 for is reported as unverifiable rather than passed.
 */
@ApplicationScoped
public class ArtifactVerification {

    private final VariantService variants;
    private final ArtifactStore store;
    private final Vertx vertx;

    public ArtifactVerification(VariantService variants, ArtifactStore store, Vertx vertx) {
        this.variants = variants;
        this.store = store;
        this.vertx = vertx;
    }

    public record Verified(UUID variantId, String artifactUri, long sizeBytes, String sha256) {
    }

    public Uni<Verified> verify(String model, UUID id) {
        return variants.get(model, id).chain(v -> {
            if (!v.artifactUri().startsWith("s3://")) {
                throw ProblemException.badRequest("only s3:// artifacts can be verified; this one is "
                        + v.artifactUri());
            }
            return vertx.executeBlocking(Uni.createFrom().item(() -> store.head(v.artifactUri())), false)
                    .onFailure(e -> !(e instanceof ProblemException)).transform(e -> ProblemException.conflict(
                            "S3 could not be asked about " + v.artifactUri() + ": " + AwsErrors.describe(e)))
                    .map(facts -> check(v, facts));
        });
    }

    private static Verified check(VariantView v, ArtifactStore.Facts facts) {
        if (!facts.exists()) {
            throw unprocessable(v.artifactUri() + " does not exist");
        }
        if (facts.sizeBytes() != v.sizeBytes()) {
            throw unprocessable(v.artifactUri() + " is " + facts.sizeBytes() + " bytes; the variant declares "
                    + v.sizeBytes());
        }
        String sha = facts.sha256Hex().orElseThrow(() -> unprocessable("S3 keeps no full-object SHA-256 for "
                + v.artifactUri() + " (upload it with --checksum-algorithm SHA256, in one part); it cannot be"
                + " verified"));
        if (!sha.equals(v.artifactSha256())) {
            throw unprocessable(v.artifactUri() + " has SHA-256 " + sha + "; the variant declares "
                    + v.artifactSha256());
        }
        return new Verified(v.id(), v.artifactUri(), facts.sizeBytes(), sha);
    }

    private static ProblemException unprocessable(String detail) {
        return new ProblemException(new Problem("https://modelfleet.io/problems/artifact-mismatch",
                "Artifact does not match", 422, detail, null, null));
    }
}
