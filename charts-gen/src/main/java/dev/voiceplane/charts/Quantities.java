package dev.voiceplane.charts;

import java.math.BigDecimal;
import org.cdk8s.Size;
import org.cdk8s.plus33.Cpu;

/** Converts validated Kubernetes quantity strings into cdk8s-plus value types. */
final class Quantities {
    private Quantities() {
    }

    /** {@code 500m} → 500 millicores, {@code 2} → 2 cores, {@code 1.5} → 1500 millicores. */
    static Cpu cpu(String quantity) {
        if (quantity.endsWith("m")) {
            return Cpu.millis(Integer.parseInt(quantity.substring(0, quantity.length() - 1)));
        }
        BigDecimal cores = new BigDecimal(quantity);
        return cores.scale() <= 0 ? Cpu.units(cores.intValueExact()) : Cpu.millis(cores.movePointRight(3).intValueExact());
    }

    /** {@code 512Mi}, {@code 2Gi}, {@code 1Ti} as binary sizes. */
    static Size memory(String quantity) {
        if (quantity.endsWith("Mi")) {
            return Size.mebibytes(Integer.parseInt(quantity.substring(0, quantity.length() - 2)));
        }
        if (quantity.endsWith("Gi")) {
            return Size.gibibytes(Integer.parseInt(quantity.substring(0, quantity.length() - 2)));
        }
        if (quantity.endsWith("Ti")) {
            return Size.tebibytes(Integer.parseInt(quantity.substring(0, quantity.length() - 2)));
        }
        throw new IllegalArgumentException("memory quantity '" + quantity + "' must be in Mi, Gi or Ti");
    }
}
