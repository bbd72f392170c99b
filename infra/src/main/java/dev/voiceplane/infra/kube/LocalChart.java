package dev.voiceplane.infra.kube;

import dev.voiceplane.synth.OutputDirectory;
import dev.voiceplane.synth.helm.HelmChart;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart written to a local directory for a Helm release, with the content's hash in its version.
 *
 * <p>Why the hash: the release's chart path never changes, so without it a changed stack file leaves
 * every input of the release as it was and Pulumi sees nothing to do. With {@code version:
 * 0.1.0+<hash>} in Chart.yaml (semver build metadata, which Helm accepts) and the same string as the
 * release's {@code version} input, any change of any object changes an input, and the release is upgraded.
 */
public final class LocalChart {
    private static final Pattern VERSION = Pattern.compile("(?m)^version: (\\S+)$");

    private LocalChart() {
    }

    /**
     * Writes {@code files} (relative path to content, Chart.yaml among them) to {@code directory},
     * replacing what was there, with Chart.yaml's version extended by the content hash.
     *
     * @return the chart version written, e.g. {@code 0.1.0+3f2a9c1d0b7e}
     */
    public static String write(Path directory, Map<String, String> files) {
        Map<String, String> out = new TreeMap<>(files);
        String chart = out.get("Chart.yaml");
        if (chart == null) {
            throw new IllegalArgumentException("a chart needs a Chart.yaml");
        }
        Matcher m = VERSION.matcher(chart);
        if (!m.find()) {
            throw new IllegalArgumentException("Chart.yaml has no version line");
        }
        // A chart whose version already carries build metadata (charts-gen's own content hash) keeps it.
        String version = m.group(1).contains("+") ? m.group(1) : m.group(1) + "+" + HelmChart.contentHash(out);
        out.put("Chart.yaml", m.replaceFirst(Matcher.quoteReplacement("version: " + version)));
        OutputDirectory.replace(directory, out);
        return version;
    }
}
