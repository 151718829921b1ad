package io.modelfleet.api.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;

/** A bearer token taken from the Authorization header, to be checked against the stored hashes. */
public class BearerTokenRequest extends TokenAuthenticationRequest {

    public BearerTokenRequest(String token) {
        super(new TokenCredential(token, "bearer"));
    }
}
