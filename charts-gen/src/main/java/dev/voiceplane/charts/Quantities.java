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
            return JsiiValues.millicores(Integer.parseInt(quantity.substring(0, quantity.length() - 1)));
        }
        BigDecimal cores = new BigDecimal(quantity);
        return cores.scale() <= 0 ? JsiiValues.cores(cores.intValueExact()) : JsiiValues.millicores(cores.movePointRight(3).intValueExact());
    }

    /** {@code 512Mi}, {@code 2Gi}, {@code 1Ti} as binary sizes. */
    static Size memory(String quantity) {
        if (quantity.endsWith("Mi")) {
            return JsiiValues.mebibytes(Integer.parseInt(quantity.substring(0, quantity.length() - 2)));
        }
        if (quantity.endsWith("Gi")) {
            return JsiiValues.gibibytes(Integer.parseInt(quantity.substring(0, quantity.length() - 2)));
        }
        if (quantity.endsWith("Ti")) {
            return JsiiValues.tebibytes(Integer.parseInt(quantity.substring(0, quantity.length() - 2)));
        }
        throw new IllegalArgumentException("memory quantity '" + quantity + "' must be in Mi, Gi or Ti");
    }
}
