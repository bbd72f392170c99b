package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The report for a machine: every target with its findings (waived ones marked, with their reasons) and notes. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReport() {
    }

    public static ObjectNode of(List<Report> reports) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode targets = root.putArray("targets");
        int open = 0;
        int waived = 0;
        for (Report r : reports) {
            ObjectNode t = targets.addObject().put("target", r.target()).put("objects", r.objects());
            r.stackFile().ifPresent(s -> t.put("stackFile", s));
            ArrayNode list = t.putArray("findings");
            for (Finding f : r.findings()) {
                list.add(finding(f));
            }
            r.notes().forEach(t.putArray("notes")::add);
            open += r.open().size();
            waived += r.waived().size();
        }
        root.putObject("summary").put("findings", open).put("waived", waived);
        return root;
    }

    static ObjectNode finding(Finding f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("rule", f.rule().id()).put("severity", f.rule().severity().sarifLevel()).put("layer", f.rule().layer().title());
        n.putObject("object").put("kind", f.object().kind()).put("namespace", f.object().namespace()).put("name", f.object().name())
                .put("file", f.object().file()).put("line", f.object().line());
        n.put("path", f.path()).put("line", f.line()).put("message", f.message()).put("fix", f.fix());
        f.stackLine().ifPresent(s -> n.putObject("stackLine").put("file", s.file()).put("key", s.key()).put("line", s.line()));
        n.put("waived", f.waived());
        f.waiver().ifPresent(w -> n.putObject("waiver").put("annotation", w.annotation()).put("reason", w.reason()));
        return n;
    }
}
