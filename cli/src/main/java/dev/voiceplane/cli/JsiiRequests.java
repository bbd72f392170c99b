package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.jsii.JsiiRuntime;

/**
 * Counts the requests the jsii Java runtime sends to its Node process on this thread, for
 * {@code voiceplane bench}: each one is a JSON line written to Node and an answer read back, about
 * 230 µs of Node's CPU whatever it does, so their number is what construct building costs. With
 * {@code attribute}, each request is also charged to the voiceplane construct that made it (the
 * outermost {@code dev.voiceplane.charts} class on the Java stack: a Microservice's PodAutoscaling counts
 * as Microservice's) and, within it, to the jsii API, type and member it is about, so a change can be aimed where the requests are.
 *
 * <p>The runtime has a hook for exactly this, {@code JsiiRuntime.messageInspector}, but keeps it
 * package-private; it is reached here by reflection, which only a benchmark may do. Where it cannot be
 * reached (another runtime version), nothing is counted and {@link #installed()} says so.
 */
final class JsiiRequests implements AutoCloseable {
    private static final String CHARTS = "dev.voiceplane.charts.";
    private static final String OURS = "dev.voiceplane.";
    private static final String SELF = JsiiRequests.class.getName();
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final boolean attribute;
    private final boolean installed;
    private ThreadLocal<Object> hook;
    private long total;
    private final Map<String, Long> byConstruct = new TreeMap<>();
    private final Map<String, Long> byRequest = new TreeMap<>();

    private JsiiRequests(boolean attribute) {
        this.attribute = attribute;
        this.installed = install();
    }

    /** Counts from now on, on this thread; {@code attribute} also charges each request to a construct and a jsii type. */
    static JsiiRequests count(boolean attribute) {
        return new JsiiRequests(attribute);
    }

    boolean installed() {
        return installed;
    }

    long total() {
        return total;
    }

    /** Requests per voiceplane construct (or, outside any, the class that asked: the synthesizer's rendering). */
    Map<String, Long> byConstruct() {
        return byConstruct;
    }

    /**
     * Requests per construct and jsii API, type and member, e.g. {@code Microservice: create cdk8s-plus-33.Deployment},
     * {@code Microservice: invoke cdk8s.ApiObject.addJsonPatch}; {@code naming} is the runtime asking an assembly's
     * Java package for an object that came back by reference.
     */
    Map<String, Long> byRequest() {
        return byRequest;
    }

    @SuppressWarnings("unchecked")
    private boolean install() {
        try {
            Class<?> inspector = Class.forName("software.amazon.jsii.MessageInspector");
            Field hook = JsiiRuntime.class.getDeclaredField("messageInspector");
            hook.setAccessible(true);
            Object proxy = Proxy.newProxyInstance(inspector.getClassLoader(), new Class<?>[] {inspector}, (self, method, args) -> {
                if (method.getName().equals("inspect") && "Request".equals(String.valueOf(args[1]))) {
                    seen((JsonNode) args[0]);
                }
                return null;
            });
            this.hook = (ThreadLocal<Object>) hook.get(null);
            this.hook.set(proxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Stops counting on this thread. */
    @Override
    public void close() {
        if (hook != null) {
            hook.remove();
        }
    }

    private void seen(JsonNode request) {
        total++;
        if (!attribute) {
            return;
        }
        String construct = construct();
        byConstruct.merge(construct, 1L, Long::sum);
        String member = request.path("method").asText(request.path("property").asText(""));
        byRequest.merge(construct + ": " + request.path("api").asText("?") + " " + type(request) + (member.isEmpty() ? "" : "." + member), 1L, Long::sum);
    }

    /** The outermost construct class of ours on the stack, else the innermost class of ours, else "jsii". */
    private static String construct() {
        return WALKER.walk(frames -> {
            String outermost = null;
            String innermost = null;
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                String c = f.getClassName();
                if (c.startsWith(CHARTS)) {
                    outermost = c;
                }
                if (innermost == null && c.startsWith(OURS) && !c.equals(SELF) && !c.startsWith(SELF + "$")) {
                    innermost = c;
                }
            }
            String name = outermost != null ? outermost : innermost != null ? innermost : "jsii";
            int nested = name.indexOf('$');
            return (nested > 0 ? name.substring(0, nested) : name).substring(name.lastIndexOf('.') + 1);
        });
    }

    /** The fqn a request is about: its own, or its object reference's without the instance number. */
    static String type(JsonNode request) {
        if (request.hasNonNull("fqn")) {
            return request.get("fqn").asText();
        }
        String ref = request.path("objref").path("$jsii.byref").asText("");
        int at = ref.indexOf('@');
        if (at > 0) {
            return ref.substring(0, at);
        }
        return request.hasNonNull("assembly") ? request.get("assembly").asText() : "";
    }
}
