package dev.voiceplane.cli.diff;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 and IPv6 CIDR blocks, compared for containment. */
final class Cidr {
    private Cidr() {
    }

    /** True when block {@code outer} contains block {@code inner} (and both are valid CIDRs of the same family). */
    static boolean contains(String outer, String inner) {
        try {
            String[] o = outer.split("/");
            String[] i = inner.split("/");
            byte[] ob = literal(o[0]);
            byte[] ib = literal(i[0]);
            int op = Integer.parseInt(o[1]);
            int ip = Integer.parseInt(i[1]);
            if (ob.length != ib.length || op > ip) {
                return false;
            }
            int bits = ob.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(op).not()
                    .and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            return new BigInteger(1, ob).and(mask).equals(new BigInteger(1, ib).and(mask));
        } catch (RuntimeException | UnknownHostException e) {
            return false;
        }
    }

    /** Only numeric addresses: never a DNS lookup. */
    private static byte[] literal(String address) throws UnknownHostException {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new UnknownHostException(address);
        }
        return InetAddress.getByName(address).getAddress();
    }
}
