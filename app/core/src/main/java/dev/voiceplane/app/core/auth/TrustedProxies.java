package dev.voiceplane.app.core.auth;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers whose {@code X-Real-IP} header is believed: the ingress controller's pods, given as
 * CIDR blocks in {@code TRUSTED_PROXY_CIDRS} (e.g. the controller's pod CIDR {@code 10.244.0.0/16}).
 * Empty by default, so no header is believed and every client counts by its connection's address;
 * a header from any other peer is a client's claim about itself and is ignored.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses a comma-separated list of CIDR blocks or single addresses; throws naming the entry
     * that is not one.
     */
    public static TrustedProxies parse(String cidrs) {
        List<Block> blocks = new ArrayList<>();
        if (cidrs != null) {
            for (String raw : cidrs.split(",")) {
                String entry = raw.trim();
                if (!entry.isEmpty()) {
                    blocks.add(Block.parse(entry));
                }
            }
        }
        return new TrustedProxies(blocks);
    }

    public boolean trusts(String peerAddress) {
        if (blocks.isEmpty() || peerAddress == null) {
            return false;
        }
        byte[] address = literal(peerAddress);
        return address != null && blocks.stream().anyMatch(block -> block.contains(address));
    }

    /** The bytes of an IP literal, or null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (!candidate.matches("[0-9A-Fa-f:.]{2,45}")) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Block(byte[] network, int prefix) {

        static Block parse(String entry) {
            String[] parts = entry.split("/", 2);
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block such as 10.244.0.0/16");
            }
            int bits = network.length * 8;
            int prefix = bits;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0-" + bits);
                }
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int shift = network.length * 8 - prefix;
            return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }
}
