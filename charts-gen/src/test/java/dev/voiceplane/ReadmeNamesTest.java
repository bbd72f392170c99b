package dev.voiceplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.testing.Testing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's guide (charts-gen/README.md) names only Java types and members that exist: a
 * renamed class or method fails here rather than sending a reader looking for it. A backticked span
 * that starts with a CamelCase name ({@code `Problems.report(...)`}) is a type, and each dotted part
 * after it must appear in a file that declares the type.
 */
class ReadmeNamesTest {
    /** A backticked span opening with a type name and optional dotted members. */
    private static final Pattern TYPE_SPAN = Pattern.compile("`([A-Z][a-z0-9]+[A-Za-z0-9]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)");
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|record|enum|interface)\\s+([A-Z][A-Za-z0-9]*)");

    @Test
    void everyTypeAndMemberTheGuideNamesExists() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Map<String, List<String>> declared = declaredTypes(Testing.repoRoot());
        assertThat(names(readme)).as("types the guide names").hasSizeGreaterThan(20);
        assertThat(unknown(readme, declared)).isEmpty();
    }

    @Test
    void aTypeOrMemberThatDoesNotExistIsReported() {
        Map<String, List<String>> declared = Map.of("Problems", List.of("final class Problems { static void report() {} }"));
        assertThat(unknown("Use `Problems.report` and `Problems.reprot(this)`, then `Nowhere.at()`; `lower` and `X(Props p)` are no types.", declared))
                .containsExactly("Problems.reprot", "Nowhere");
    }

    private static List<String> names(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = TYPE_SPAN.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1) + m.group(2));
        }
        return out;
    }

    /** Each name of {@code markdown} whose type no source declares, or whose member no declaring source mentions. */
    static List<String> unknown(String markdown, Map<String, List<String>> declared) {
        List<String> out = new ArrayList<>();
        for (String name : names(markdown)) {
            String[] parts = name.split("\\.");
            List<String> sources = declared.get(parts[0]);
            if (sources == null) {
                out.add(parts[0]);
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                Pattern member = Pattern.compile("\\b" + Pattern.quote(parts[i]) + "\\b");
                if (sources.stream().noneMatch(s -> member.matcher(s).find())) {
                    out.add(parts[0] + "." + parts[i]);
                    break;
                }
            }
        }
        return out;
    }

    /** Every type declared in the repository's Java sources, with the text of the files declaring it. */
    private static Map<String, List<String>> declaredTypes(Path root) throws IOException {
        Map<String, List<String>> declared = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> Stream.of("target", "node_modules", ".git").noneMatch(skip -> root.relativize(p).toString().contains(skip + "/")))
                    .forEach(p -> {
                        String text = read(p);
                        Matcher m = DECLARATION.matcher(text);
                        while (m.find()) {
                            declared.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(text);
                        }
                    });
        }
        return declared;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
