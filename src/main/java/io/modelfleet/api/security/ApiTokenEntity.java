package io.modelfleet.api.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored API token: only SHA-256 hashes of its secrets and short hints are kept. */
@Entity
@Table(name = "api_token")
public class ApiTokenEntity {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(name = "token_hint", nullable = false)
    public String tokenHint;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    /** Written at most once a minute per token ({@link LastUsedThrottle}), never on a request's critical path. */
    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    @Column(name = "rotated_at")
    public OffsetDateTime rotatedAt;

    /** The secret before the last rotation, still accepted until {@link #previousExpiresAt}. */
    @Column(name = "previous_token_hash", unique = true)
    public String previousTokenHash;

    @Column(name = "previous_token_hint")
    public String previousTokenHint;

    @Column(name = "previous_expires_at")
    public OffsetDateTime previousExpiresAt;
}
