package dev.voiceplane.infra;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may reach a cluster's API besides its nodes: the networks its public endpoint admits (never
 * 0.0.0.0/0) and the principals granted cluster admin besides the one running Pulumi (CI's deploy
 * role, the on-call admins).
 *
 * @param cidrs  IPv4 CIDRs, e.g. 203.0.113.7/32
 * @param admins AWS IAM principal ARNs, or Azure Entra object ids
 */
public record Access(List<String> cidrs, List<String> admins) {
    private static final Pattern CIDR = Pattern.compile("^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$");

    public Access {
        cidrs = List.copyOf(cidrs);
        admins = List.copyOf(admins);
        for (String c : cidrs) {
            if (!CIDR.matcher(c).matches()) {
                throw new IllegalArgumentException(VoiceplaneInfra.SETTINGS_NAMESPACE + ":" + VoiceplaneInfra.ADMIN_CIDRS
                        + ": '" + c + "' is not an IPv4 CIDR such as 203.0.113.7/32");
            }
            if (c.endsWith("/0")) {
                throw new IllegalArgumentException(VoiceplaneInfra.SETTINGS_NAMESPACE + ":" + VoiceplaneInfra.ADMIN_CIDRS
                        + ": '" + c + "' opens the cluster API to the whole internet; name your networks");
            }
        }
    }
}
