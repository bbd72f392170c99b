package dev.voiceplane.charts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cdk8s.Duration;
import org.cdk8s.JsonPatch;
import org.cdk8s.Size;
import org.cdk8s.plus33.Cpu;
import org.cdk8s.plus33.EnvValue;
import org.cdk8s.plus33.MetricTarget;
import org.cdk8s.plus33.Replicas;
import org.cdk8s.plus33.k8s.IntOrString;
import org.cdk8s.plus33.k8s.Quantity;

/**
 * Immutable cdk8s value objects ({@link Quantity}, {@link IntOrString}, {@link Duration}, {@link Size},
 * {@link Cpu}, a literal {@link EnvValue}, HPA targets, a path-only {@link JsonPatch}), made once per
 * distinct value and JVM. Each factory call is a jsii round trip, and the jsii Java runtime adds a
 * second one (a "naming" request, which it never caches) whenever an object comes back by reference;
 * these values hold no reference to a construct tree, so one instance serves every object of every
 * stack and the repeated round trips go. {@code voiceplane bench} measured 3822 round trips for
 * synthesizing all stacks before, most of them two per value object.
 */
public final class JsiiValues {
    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();

    private JsiiValues() {
    }

    @SuppressWarnings("unchecked")
    private static <T> T once(String key, Supplier<T> make) {
        return (T) VALUES.computeIfAbsent(key, k -> make.get());
    }

    /** {@code Quantity.fromString(value)}, e.g. {@code 500m}, {@code 2Gi}. */
    public static Quantity quantity(String value) {
        return once("quantity:" + value, () -> Quantity.fromString(value));
    }

    /** {@code Quantity.fromNumber(value)}, e.g. an HPA's average value per pod. */
    public static Quantity quantity(int value) {
        return once("quantity-number:" + value, () -> Quantity.fromNumber(value));
    }

    /** {@code IntOrString.fromNumber(value)}, e.g. a port number. */
    public static IntOrString intOrString(int value) {
        return once("int-or-number:" + value, () -> IntOrString.fromNumber(value));
    }

    /** {@code IntOrString.fromString(value)}, e.g. a port name. */
    public static IntOrString intOrString(String value) {
        return once("int-or-string:" + value, () -> IntOrString.fromString(value));
    }

    /** {@code EnvValue.fromValue(value)}: a literal environment value (a reference to a ConfigMap or Secret is per stack). */
    public static EnvValue envValue(String value) {
        return once("env:" + value, () -> EnvValue.fromValue(value));
    }

    /** {@code Duration.seconds(amount)}. */
    public static Duration seconds(int amount) {
        return once("seconds:" + amount, () -> Duration.seconds(amount));
    }

    /** {@code Duration.minutes(amount)}. */
    public static Duration minutes(int amount) {
        return once("minutes:" + amount, () -> Duration.minutes(amount));
    }

    /** {@code Cpu.millis(amount)}. */
    public static Cpu millicores(int amount) {
        return once("millicores:" + amount, () -> Cpu.millis(amount));
    }

    /** {@code Cpu.units(amount)}. */
    public static Cpu cores(int amount) {
        return once("cores:" + amount, () -> Cpu.units(amount));
    }

    /** {@code Size.mebibytes(amount)}. */
    public static Size mebibytes(int amount) {
        return once("Mi:" + amount, () -> Size.mebibytes(amount));
    }

    /** {@code Size.gibibytes(amount)}. */
    public static Size gibibytes(int amount) {
        return once("Gi:" + amount, () -> Size.gibibytes(amount));
    }

    /** {@code Size.tebibytes(amount)}. */
    public static Size tebibytes(int amount) {
        return once("Ti:" + amount, () -> Size.tebibytes(amount));
    }

    /** {@code MetricTarget.averageUtilization(percent)}. */
    public static MetricTarget averageUtilization(int percent) {
        return once("utilization:" + percent, () -> MetricTarget.averageUtilization(percent));
    }

    /** {@code MetricTarget.averageValue(value)}. */
    public static MetricTarget averageValue(int value) {
        return once("average-value:" + value, () -> MetricTarget.averageValue(value));
    }

    /** {@code Replicas.absolute(count)}, as scaling policies take it. */
    public static Replicas absoluteReplicas(int count) {
        return once("replicas:" + count, () -> Replicas.absolute(count));
    }

    /** {@code JsonPatch.remove(path)}. */
    public static JsonPatch remove(String path) {
        return once("remove:" + path, () -> JsonPatch.remove(path));
    }
}
