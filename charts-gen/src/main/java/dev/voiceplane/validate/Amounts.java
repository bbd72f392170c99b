package dev.voiceplane.validate;

import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Kubernetes quantities as numbers (cores, bytes), parsed the way the API server parses them. */
final class Amounts {
    private Amounts() {
    }

    /** The quantity's value, or null when it is not a valid quantity. */
    static BigDecimal parse(String quantity) {
        if (quantity == null || quantity.isBlank()) {
            return null;
        }
        try {
            return new Quantity(quantity).getNumber();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** CPU in millicores or memory in MiB, for messages. */
    static String show(BigDecimal value, boolean cpu) {
        if (cpu) {
            return value.movePointRight(3).setScale(0, RoundingMode.HALF_UP).toPlainString() + "m";
        }
        return value.divide(BigDecimal.valueOf(1024L * 1024), 0, RoundingMode.HALF_UP).toPlainString() + "Mi";
    }
}
