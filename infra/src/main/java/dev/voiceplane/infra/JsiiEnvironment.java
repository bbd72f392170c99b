package dev.voiceplane.infra;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes sure the jsii runtime (which runs cdk8s on Node) starts with the switch that silences its
 * Node end-of-life banner. jsii reads the switch only from the environment of the JVM that spawns
 * Node, and {@code pulumi up} starts this program with {@code java -jar} and Pulumi's own
 * environment, so the program re-runs itself once with the variable set: users of the supported
 * Node releases past jsii's end of life (18, 20) would otherwise see the banner in every preview.
 */
final class JsiiEnvironment {
    static final String SILENCE = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION";
    /** The Node majors to silence, from the root pom's {@code jsii.silence.eol} (filtered into jsii.properties). */
    static String eolNodeMajors() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = JsiiEnvironment.class.getResourceAsStream("jsii.properties")) {
            p.load(java.util.Objects.requireNonNull(in, "jsii.properties is missing from the build"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.getProperty("silence.eol");
    }

    private JsiiEnvironment() {
    }

    /**
     * Returns normally when the environment is already right; otherwise runs this same main class
     * in a child JVM with the variable set, and exits with the child's exit code.
     */
    static void ensure(Class<?> mainClass, String[] args) {
        if (System.getenv(SILENCE) != null) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(SILENCE, eolNodeMajors());
        try {
            Process child = builder.start();
            // Pulumi cancels a run by signalling this process; pass it on.
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            System.exit(child.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        } catch (java.io.IOException e) {
            System.err.println("error: cannot start the Pulumi program: " + e.getMessage());
            System.exit(1);
        }
    }
}
