-- Token lifecycle (issue 9): when a token was last used, and rotation with an overlap. A rotated token keeps
-- one row: token_hash is the new secret, previous_token_hash the old one, valid until previous_expires_at.
-- At most two secrets per token are ever valid; rotating again replaces the previous one.
ALTER TABLE api_token
    ADD COLUMN last_used_at        TIMESTAMPTZ,
    ADD COLUMN rotated_at          TIMESTAMPTZ,
    ADD COLUMN previous_token_hash VARCHAR(64),
    ADD COLUMN previous_token_hint VARCHAR(16),
    ADD COLUMN previous_expires_at TIMESTAMPTZ,
    ADD CONSTRAINT api_token_previous_hash_key UNIQUE (previous_token_hash),
    ADD CONSTRAINT api_token_previous_complete CHECK (
        (previous_token_hash IS NULL) = (previous_expires_at IS NULL)
        AND (previous_token_hash IS NULL) = (previous_token_hint IS NULL));
