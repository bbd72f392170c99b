package dev.voiceplane.infra;

/**
 * IPv4 address blocks carved out of the stack's private network ({@code voiceplane:managedStores.cidr}
 * on Azure), so subnets never overlap and change only when that key changes.
 */
public record Cidr(long base, int prefix) {
    public Cidr {
        if (prefix < 8 || prefix > 28) {
            throw new IllegalArgumentException("prefix must be between /8 and /28, got /" + prefix);
        }
    }

    public static Cidr parse(String text) {
        String[] parts = text.split("/");
        String[] octets = parts[0].split("\\.");
        long base = 0;
        for (String o : octets) {
            base = (base << 8) | Integer.parseInt(o);
        }
        int prefix = Integer.parseInt(parts[1]);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return new Cidr(base & mask, prefix);
    }

    /** The {@code index}-th block {@code bits} longer than this one, e.g. subnet(2, 0) of a /16 is its first /18. */
    public Cidr subnet(int bits, int index) {
        int p = prefix + bits;
        if (index < 0 || index >= (1 << bits)) {
            throw new IllegalArgumentException(this + " has no subnet #" + index + " of size /" + p);
        }
        return new Cidr(base + ((long) index << (32 - p)), p);
    }

    @Override
    public String toString() {
        return ((base >> 24) & 255) + "." + ((base >> 16) & 255) + "." + ((base >> 8) & 255) + "." + (base & 255) + "/" + prefix;
    }
}
