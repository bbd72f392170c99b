package dev.voiceplane.stack;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The value of a Kubernetes quantity ({@code 500m}, {@code 2}, {@code 1.5}, {@code 512Mi}, {@code 16Gi})
 * in base units (cores, bytes), so the parser can compare requests, limits and quotas as the API
 * server does (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/).
 * Only the forms {@link ConfigReader#QUANTITY} accepts.
 */
public final class Quantity {
    private static final Map<String, BigDecimal> SUFFIXES = Map.of(
            "m", new BigDecimal("0.001"),
            "k", BigDecimal.valueOf(1000L), "M", BigDecimal.valueOf(1000L * 1000), "G", BigDecimal.valueOf(1000L * 1000 * 1000),
            "T", BigDecimal.valueOf(1000L * 1000 * 1000 * 1000),
            "Ki", BigDecimal.valueOf(1L << 10), "Mi", BigDecimal.valueOf(1L << 20), "Gi", BigDecimal.valueOf(1L << 30),
            "Ti", BigDecimal.valueOf(1L << 40));

    private Quantity() {
    }

    /** @throws IllegalArgumentException for a form {@link ConfigReader#QUANTITY} does not accept */
    public static BigDecimal value(String quantity) {
        if (!ConfigReader.QUANTITY.matcher(quantity).matches()) {
            throw new IllegalArgumentException("'" + quantity + "' is not a Kubernetes quantity");
        }
        int end = quantity.length();
        while (end > 0 && Character.isLetter(quantity.charAt(end - 1))) {
            end--;
        }
        String suffix = quantity.substring(end);
        BigDecimal number = new BigDecimal(quantity.substring(0, end));
        return suffix.isEmpty() ? number : number.multiply(SUFFIXES.get(suffix));
    }

    /** Whether {@code a} is more than {@code b}. */
    public static boolean exceeds(String a, String b) {
        return value(a).compareTo(value(b)) > 0;
    }
}
