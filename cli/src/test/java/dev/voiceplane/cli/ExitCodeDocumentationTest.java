package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's exit-code tables say what {@code --help} says, code for code and word for word. */
class ExitCodeDocumentationTest {
    private static final Pattern HELP_LINE = Pattern.compile("^  (\\d)  (.*)$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (\\d) \\| (.*) \\|$");

    /** Code to meaning from a help footer (ending at a blank line or the end), continuation lines joined. */
    private static Map<Integer, String> fromHelp(String help, String heading) {
        Map<Integer, String> codes = new LinkedHashMap<>();
        List<String> lines = help.substring(help.indexOf(heading)).lines().skip(1).toList();
        Integer last = null;
        for (String line : lines) {
            Matcher m = HELP_LINE.matcher(line);
            if (m.matches()) {
                last = Integer.parseInt(m.group(1));
                codes.put(last, m.group(2).trim());
            } else if (last != null && !line.isBlank()) {
                // A long meaning wrapped by picocli (or by hand) at a space.
                codes.put(last, codes.get(last) + " " + line.trim());
            } else {
                break;
            }
        }
        return codes;
    }

    /** Code to meaning from the first table after {@code anchor} in the README. */
    private static Map<Integer, String> fromReadme(String anchor) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Map<Integer, String> codes = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : readme.substring(readme.indexOf(anchor)).lines().toList()) {
            Matcher m = TABLE_ROW.matcher(line);
            if (m.matches()) {
                inTable = true;
                codes.put(Integer.parseInt(m.group(1)), m.group(2).replace("\\|", "|"));
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        return codes;
    }

    private static String help(String... args) {
        CliRun cli = new CliRun();
        assertThat(cli.run(args)).isZero();
        return cli.out();
    }

    @Test
    void theGeneralTableMatchesEveryVerbsHelp() throws Exception {
        Map<Integer, String> readme = fromReadme("### Exit codes");
        assertThat(readme).containsOnlyKeys(0, 1, 2, 3, 4, 5);
        for (String verb : List.of("synth", "validate", "apply", "status", "history", "rollback", "backup", "restore", "bench", "completion")) {
            assertThat(fromHelp(help(verb, "--help"), "Exit codes:")).as(verb).isEqualTo(readme);
        }
        assertThat(fromHelp(help("--help"), "Exit codes:")).isEqualTo(readme);
    }

    @Test
    void theDiffTableMatchesDiffsHelp() throws Exception {
        Map<Integer, String> readme = fromReadme("`voiceplane diff` reads as CI tools read a diff");
        assertThat(readme).containsOnlyKeys(0, 1, 2, 3);
        assertThat(fromHelp(help("diff", "--help"), "Exit codes of diff:")).isEqualTo(readme);
    }

    @Test
    void versionWorksOnEveryVerb() {
        for (String verb : List.of("synth", "diff", "apply", "status", "history")) {
            assertThat(help(verb, "-V")).as(verb).startsWith("voiceplane ");
        }
    }
}
