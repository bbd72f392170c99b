package dev.voiceplane.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.constructs.Construct;

/**
 * The shape a newcomer composes with, checked on every construct rather than by review: a construct
 * takes a scope, an id and one props object (three arguments at most); props with optional values are
 * builders whose setters document the default, never records or constructors where an absent value is
 * written as {@code null} in the right position. A small record of required values only (four at most)
 * stays allowed.
 */
class ConstructShapeTest {
    private static final int MAX_CONSTRUCTOR_ARGUMENTS = 3;
    private static final int MAX_RECORD_PROPS = 4;

    /** Every class compiled into the constructs packages, {@code dev.voiceplane.charts} and below. */
    static List<Class<?>> constructPackageClasses() {
        try {
            Path classes = Path.of(Microservice.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = classes.resolve("dev/voiceplane/charts");
            List<Class<?>> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    found.add(Class.forName(name, false, ConstructShapeTest.class.getClassLoader()));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isProps(Class<?> type) {
        return type.getSimpleName().endsWith("Props");
    }

    @Test
    void theScanSeesTheConstructsAndTheirProps() {
        // A scan that found nothing would pass every rule below.
        List<Class<?>> classes = constructPackageClasses();
        assertThat(classes).contains(Microservice.class, Microservice.Props.class, CookieAffinity.Props.class,
                dev.voiceplane.charts.monitoring.Monitoring.class);
    }

    @Test
    void noConstructConstructorTakesMoreThanThreeArguments() {
        List<String> violations = new ArrayList<>();
        for (Class<?> type : constructPackageClasses()) {
            if (!Construct.class.isAssignableFrom(type)) {
                continue;
            }
            for (Constructor<?> c : type.getConstructors()) {
                if (c.getParameterCount() > MAX_CONSTRUCTOR_ARGUMENTS) {
                    violations.add(type.getName() + " has a public constructor of " + c.getParameterCount()
                            + " arguments; take (scope, id, props) and put the rest in its Props builder");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void propsWithOptionalValuesAreBuilders() {
        List<String> violations = new ArrayList<>();
        for (Class<?> type : constructPackageClasses()) {
            if (!isProps(type)) {
                continue;
            }
            if (type.isRecord()) {
                violations.addAll(recordProblems(type));
            } else if (type.getConstructors().length > 0) {
                violations.add(type.getName() + " has a public constructor; give it a private one and a builder(required...)");
            }
        }
        assertThat(violations).isEmpty();
    }

    /** A record of optional values, or of more than four, fed a null in each place in turn. */
    static List<String> recordProblems(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> problems = new ArrayList<>();
        if (components.length > MAX_RECORD_PROPS) {
            problems.add(type.getName() + " is a record of " + components.length + " positional values; make it a builder");
        }
        Object[] samples = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            samples[i] = sample(components[i]);
            if (components[i].getType() == Optional.class) {
                problems.add(type.getName() + "." + components[i].getName() + " is optional; a record has no place for it, make the props a builder");
            }
            if (samples[i] == null) {
                problems.add(type.getName() + "." + components[i].getName() + ": no sample for " + components[i].getType().getName()
                        + "; teach ConstructShapeTest.sample one");
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Constructor<?> canonical = canonical(type, components);
        if (!constructs(canonical, samples)) {
            return List.of(type.getName() + ": cannot build it from sample values; teach ConstructShapeTest.sample its inputs");
        }
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive()) {
                continue;
            }
            Object[] args = samples.clone();
            args[i] = null;
            if (constructs(canonical, args)) {
                problems.add(type.getName() + " accepts null for " + components[i].getName()
                        + ": an optional value is a builder setter with a documented default, not a positional null");
            }
        }
        return problems;
    }

    private static Constructor<?> canonical(Class<?> type, RecordComponent[] components) {
        Class<?>[] types = Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constructs(Constructor<?> c, Object[] args) {
        try {
            c.newInstance(args);
            return true;
        } catch (InvocationTargetException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid value of a component's type, or null when the test does not know one. */
    static Object sample(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == String.class) {
            return component.getName().toLowerCase().contains("email") ? "ops@example.com" : "shop";
        }
        if (type == int.class || type == long.class) {
            return type == int.class ? (Object) 1 : (Object) 1L;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == Map.class || type == SortedMap.class) {
            return type == Map.class ? Map.of() : new java.util.TreeMap<>();
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Set.class || type == SortedSet.class) {
            return type == Set.class ? Set.of() : new java.util.TreeSet<>();
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        return null;
    }

    @Test
    void aRecordThatAcceptsAnAbsentValueIsCaught() {
        // The rule fed a violating object: a props record with a silently optional component.
        record LooseProps(String name, String namespace, Map<String, String> labels) {
        }
        assertThat(recordProblems(LooseProps.class)).anySatisfy(p -> assertThat(p).contains("accepts null for name"));
        assertThat(recordProblems(CookieAffinity.Props.class)).isEmpty();
    }

    @Test
    void aRecordOfFiveValuesIsCaught() {
        record WideProps(String a, String b, String c, String d, String e) {
            WideProps {
                java.util.Objects.requireNonNull(a);
                java.util.Objects.requireNonNull(b);
                java.util.Objects.requireNonNull(c);
                java.util.Objects.requireNonNull(d);
                java.util.Objects.requireNonNull(e);
            }
        }
        assertThat(recordProblems(WideProps.class)).containsExactly(WideProps.class.getName()
                + " is a record of 5 positional values; make it a builder");
    }
}
