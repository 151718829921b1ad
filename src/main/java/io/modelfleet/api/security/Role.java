package io.modelfleet.api.security;

import java.util.Set;

/**
 * API roles, each including the ones below it: an admin may do what an operator may, an operator what a viewer
 * may. The names are the strings used in {@code @RolesAllowed}.
 */
public enum Role {
    /** Reads everything. */
    VIEWER(Set.of(Role.VIEWER_NAME)),
    /** Also writes the catalog and the fleet, makes plans and runs rollouts. */
    OPERATOR(Set.of(Role.VIEWER_NAME, Role.OPERATOR_NAME)),
    /** Also manages API tokens. */
    ADMIN(Set.of(Role.VIEWER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME));

    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    private final Set<String> grants;

    Role(Set<String> grants) {
        this.grants = grants;
    }

    /** The role names this role satisfies in {@code @RolesAllowed} checks. */
    public Set<String> grants() {
        return grants;
    }
}
