package dev.voiceplane.synth.helm;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes quantities compared by amount, not spelling (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/). */
final class Quantity {
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("m", new BigDecimal("0.001")), Map.entry("", BigDecimal.ONE),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)), Map.entry("G", BigDecimal.TEN.pow(9)),
            Map.entry("T", BigDecimal.TEN.pow(12)), Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)), Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)), Map.entry("Pi", BigDecimal.valueOf(2).pow(50)), Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    private Quantity() {
    }

    /** The amount of a quantity, or null when it is not one. */
    static BigDecimal amount(String quantity) {
        int i = 0;
        while (i < quantity.length() && (Character.isDigit(quantity.charAt(i)) || quantity.charAt(i) == '.')) {
            i++;
        }
        BigDecimal unit = SUFFIXES.get(quantity.substring(i));
        if (i == 0 || unit == null) {
            return null;
        }
        try {
            return new BigDecimal(quantity.substring(0, i)).multiply(unit);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean same(String a, String b) {
        BigDecimal x = amount(a);
        BigDecimal y = amount(b);
        return x != null && y != null && x.compareTo(y) == 0;
    }
}
