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
}
