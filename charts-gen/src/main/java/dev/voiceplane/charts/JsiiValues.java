package dev.voiceplane.charts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cdk8s.plus33.k8s.IntOrString;
import org.cdk8s.plus33.k8s.Quantity;

/**
 * The Kubernetes value types of the L1 bindings ({@link Quantity}, {@link IntOrString}), made once
 * per distinct value and JVM. Each factory call is a jsii round trip, and the jsii Java runtime adds
 * a second one (a "naming" request) whenever an object comes back by reference; these values are
 * immutable, so one instance serves every object of every stack and the repeated round trips go.
 */
public final class JsiiValues {
    private static final Map<String, Quantity> QUANTITIES = new ConcurrentHashMap<>();
    private static final Map<Integer, IntOrString> NUMBERS = new ConcurrentHashMap<>();
    private static final Map<String, IntOrString> NAMES = new ConcurrentHashMap<>();

    private JsiiValues() {
    }

    /** {@code Quantity.fromString(value)}, e.g. {@code 500m}, {@code 2Gi}. */
    public static Quantity quantity(String value) {
        return QUANTITIES.computeIfAbsent(value, Quantity::fromString);
    }

    /** {@code IntOrString.fromNumber(value)}, e.g. a port number. */
    public static IntOrString intOrString(int value) {
        return NUMBERS.computeIfAbsent(value, IntOrString::fromNumber);
    }

    /** {@code IntOrString.fromString(value)}, e.g. a port name. */
    public static IntOrString intOrString(String value) {
        return NAMES.computeIfAbsent(value, IntOrString::fromString);
    }
}
