package io.modelfleet.dashboard.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who the caller's token is: its name and the highest role it holds (lower-case, as in @RolesAllowed). */
@Schema(description = "The caller's token name and role")
public record Me(String name, @Schema(enumeration = {"viewer", "operator", "admin"}) String role) {
}
