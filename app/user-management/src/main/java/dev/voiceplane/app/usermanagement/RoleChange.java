package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Body of {@code PUT /api/users/{id}/roles}: the complete new set of roles. Service identities are not accounts. */
public record RoleChange(List<String> roles) {

    public RoleChange {
        Input.require(roles != null && !roles.isEmpty(), "field 'roles' must list at least one of: user, admin");
        for (String role : roles) {
            Role parsed = Role.fromClaim(role);
            Input.require(parsed == Role.USER || parsed == Role.ADMIN, "field 'roles': '" + role + "' is not one of: user, admin");
        }
        roles = List.copyOf(roles);
    }

    public Set<Role> asRoles() {
        Set<Role> result = EnumSet.noneOf(Role.class);
        roles.forEach(r -> result.add(Role.fromClaim(r)));
        return result;
    }
}
