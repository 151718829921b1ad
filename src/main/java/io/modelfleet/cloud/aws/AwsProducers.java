package io.modelfleet.cloud.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The SDK adapters as the narrow interfaces the rest of the application uses. */
public class AwsProducers {

    @Produces
    @ApplicationScoped
    AwsPriceSources priceSources(AwsClients clients) {
        return new AwsPriceSources(clients);
    }

    @Produces
    @ApplicationScoped
    ServiceQuotaSource serviceQuotas(AwsClients clients) {
        return new ServiceQuotaSource(clients);
    }

    @Produces
    @ApplicationScoped
    EksCatalog eksCatalog(AwsClients clients) {
        return new EksCatalog(clients);
    }

    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore(AwsClients clients, AwsConfig config) {
        return new ArtifactStore(clients, config.artifactRegion());
    }

    @Produces
    @ApplicationScoped
    EksTokens eksTokens(AwsClients clients) {
        return new EksTokens(clients.credentials(), java.time.Clock.systemUTC());
    }
}
