package dev.voiceplane.validate;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 CIDR block as the API server's validation accepts it (address/prefix, prefix within the address size). */
record Cidr(BigInteger network, int prefix, int bits) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** The block, or null when the text is not one. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String address = text.substring(0, slash);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        byte[] bytes;
        var v4 = IPV4.matcher(address);
        if (v4.matches()) {
            bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
        } else if (address.contains(":") && address.matches("[0-9a-fA-F:.]+")) {
            try {
                bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup happens
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        } else {
            return null;
        }
        int bits = bytes.length * 8;
        if (prefix < 0 || prefix > bits) {
            return null;
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
        return new Cidr(value.and(mask), prefix, bits);
    }

    boolean strictlyContains(Cidr other) {
        if (other.bits != bits || other.prefix <= prefix) {
            return false;
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
        return other.network.and(mask).equals(network);
    }
}
