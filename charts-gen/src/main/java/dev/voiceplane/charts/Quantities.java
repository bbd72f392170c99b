package dev.voiceplane.charts;

import dev.voiceplane.stack.ResourceBudget;
import java.math.BigDecimal;
import org.cdk8s.Size;
import org.cdk8s.plus33.Cpu;

/** Converts validated Kubernetes quantity strings into cdk8s-plus value types, or into the strings cdk8s-plus wrote for them. */
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

    /**
     * The budget as cdk8s-plus wrote a container's resources, which the manifests keep: CPU in millicores
     * ({@code 2} → {@code 2000m}), memory in Mi ({@code 2Gi} → {@code 2048Mi}).
     */
    static ResourceBudget asCdk8sPlusWrote(ResourceBudget r) {
        return new ResourceBudget(millicores(r.requestCpu()), mebibytes(r.requestMemory()), millicores(r.limitCpu()), mebibytes(r.limitMemory()));
    }

    private static String millicores(String quantity) {
        int millis = quantity.endsWith("m") ? Integer.parseInt(quantity.substring(0, quantity.length() - 1))
                : new BigDecimal(quantity).movePointRight(3).intValueExact();
        return millis + "m";
    }

    private static String mebibytes(String quantity) {
        long mebibytes = quantity.endsWith("Mi") ? Long.parseLong(quantity.substring(0, quantity.length() - 2))
                : quantity.endsWith("Gi") ? Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024
                : quantity.endsWith("Ti") ? Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024 * 1024
                : -1;
        if (mebibytes < 0) {
            throw new IllegalArgumentException("memory quantity '" + quantity + "' must be in Mi, Gi or Ti");
        }
        return mebibytes + "Mi";
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
