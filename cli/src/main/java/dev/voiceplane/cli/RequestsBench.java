package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Synthesizer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code voiceplane bench --requests}: where synthesizing every stack spends its jsii requests, charged
 * to the voiceplane construct that made each one and, within it, to the jsii type and member it is about
 * ({@link JsiiRequests}). One synthesis in this JVM after the runtime has started; the count does not
 * depend on the machine, so one run is enough.
 */
final class RequestsBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestsBench() {
    }

    static void run(StackFiles files, int limit, boolean json, Terminal terminal) throws Exception {
        new ColdStart().startJsii();
        JsiiRequests requests = JsiiRequests.count(true);
        try (requests) {
            if (!requests.installed()) {
                throw new IllegalStateException("this jsii runtime has no message inspector to count requests with");
            }
            for (String name : files.names()) {
                Synthesizer.synth(files.load(name));
            }
        }
        List<Map.Entry<String, Long>> top = sorted(requests.byRequest()).stream().limit(limit).toList();
        if (json) {
            ObjectNode r = JSON.createObjectNode();
            files.names().forEach(r.putArray("stacks")::add);
            r.put("requests", requests.total());
            ObjectNode constructs = r.putObject("byConstruct");
            sorted(requests.byConstruct()).forEach(e -> constructs.put(e.getKey(), e.getValue()));
            ObjectNode byRequest = r.putObject("byRequest");
            top.forEach(e -> byRequest.put(e.getKey(), e.getValue()));
            terminal.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
        } else {
            terminal.out().printf("jsii requests to synthesize %s: %d%n%nconstruct\trequests\tshare%n", files.names(), requests.total());
            sorted(requests.byConstruct()).forEach(e -> terminal.out().printf("%s\t%d\t%.1f%%%n", e.getKey(), e.getValue(),
                    100.0 * e.getValue() / requests.total()));
            terminal.out().printf("%nconstruct: request (top %d)\tcount%n", limit);
            top.forEach(e -> terminal.out().printf("%s\t%d%n", e.getKey(), e.getValue()));
        }
        terminal.out().flush();
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }
}
