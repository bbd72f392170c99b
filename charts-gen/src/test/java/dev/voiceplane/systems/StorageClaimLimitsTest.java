package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.objects;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every claim of every stack is one its cloud would provision with the parameters of its class. EBS
 * refuses the volume otherwise and the pod stays Pending:
 * <ul>
 *   <li>gp3: 3,000 IOPS baseline at any size, at most 500 IOPS per GiB and 16,000 in all; throughput
 *       125-1,000 MiB/s and at most 0.25 MiB/s per provisioned IOPS
 *       (https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type);</li>
 *   <li>st1 and sc1: 125 GiB to 16 TiB (https://docs.aws.amazon.com/ebs/latest/userguide/hdd-vols.html).</li>
 * </ul>
 * The EBS CSI driver derives IOPS from {@code iopsPerGB}, raising it to the type's minimum when
 * {@code allowAutoIOPSPerGBIncrease} is true and capping it at the maximum
 * (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md).
 */
class StorageClaimLimitsTest {
    private static final int GP3_MIN_IOPS = 3000;
    private static final int GP3_MAX_IOPS = 16000;
    private static final int GP3_MAX_IOPS_PER_GIB = 500;
    private static final int HDD_MIN_GIB = 125;

    @Test
    void everyClaimFitsTheEbsLimitsOfItsClass() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String stack : Testing.stacks().names()) {
            Map<String, JsonNode> classes = new HashMap<>();
            ofKind(stack, "StorageClass").forEach(sc -> classes.put(sc.at("/metadata/name").asText(), sc));
            for (Map.Entry<String, JsonNode> claim : claims(stack).entrySet()) {
                JsonNode spec = claim.getValue();
                JsonNode sc = classes.get(spec.path("storageClassName").asText());
                assertThat(sc).as("%s %s names a class the stack defines", stack, claim.getKey()).isNotNull();
                if (!sc.path("provisioner").asText().equals("ebs.csi.aws.com")) {
                    continue;
                }
                checked++;
                String problem = ebsProblem(sc.path("parameters"), gib(spec.at("/resources/requests/storage").asText()));
                if (problem != null) {
                    problems.add(stack + " " + claim.getKey() + " on " + sc.at("/metadata/name").asText() + ": " + problem);
                }
            }
        }
        assertThat(checked).as("EBS claims checked").isGreaterThan(4);
        assertThat(problems).isEmpty();
    }

    @Test
    void theRuleRefusesWhatEbsRefuses() {
        ObjectNode fixed = Testing.json("{\"type\":\"gp3\",\"iops\":\"6000\",\"throughput\":\"250\"}");
        assertThat(ebsProblem(fixed, 5)).contains("500 IOPS per GiB");
        assertThat(ebsProblem(fixed, 12)).isNull();
        assertThat(ebsProblem(Testing.json("{\"type\":\"gp3\",\"iops\":\"3000\"}"), 1)).isNull();
        assertThat(ebsProblem(Testing.json("{\"type\":\"st1\"}"), 20)).contains("125 GiB");
        assertThat(ebsProblem(Testing.json("{\"type\":\"gp3\",\"iopsPerGB\":\"100\"}"), 5)).contains("below gp3's 3000");
        assertThat(ebsProblem(Testing.json("{\"type\":\"gp3\",\"iopsPerGB\":\"500\",\"allowAutoIOPSPerGBIncrease\":\"true\",\"throughput\":\"1000\"}"), 5))
                .contains("0.25 MiB/s per IOPS");
    }

    /** Why EBS would refuse a volume of {@code gib} with these class parameters, or null. */
    static String ebsProblem(JsonNode p, long gib) {
        String type = p.path("type").asText("gp3");
        if (type.equals("st1") || type.equals("sc1")) {
            return gib < HDD_MIN_GIB ? type + " volumes are " + HDD_MIN_GIB + " GiB at least, claim is " + gib + " GiB" : null;
        }
        if (!type.equals("gp3")) {
            return null;
        }
        long iops;
        if (p.has("iops")) {
            iops = Long.parseLong(p.path("iops").asText());
            // 3,000 is the baseline at any size; the ratio bounds what is provisioned above it.
            if (iops > GP3_MIN_IOPS && iops > GP3_MAX_IOPS_PER_GIB * gib) {
                return iops + " IOPS exceed gp3's 500 IOPS per GiB for " + gib + " GiB (at most " + GP3_MAX_IOPS_PER_GIB * gib + ")";
            }
            if (iops < GP3_MIN_IOPS || iops > GP3_MAX_IOPS) {
                return iops + " IOPS outside gp3's 3000-16000";
            }
        } else if (p.has("iopsPerGB")) {
            iops = Math.min(GP3_MAX_IOPS, Long.parseLong(p.path("iopsPerGB").asText()) * gib);
            if (iops < GP3_MIN_IOPS) {
                if (!p.path("allowAutoIOPSPerGBIncrease").asText().equals("true")) {
                    return "iopsPerGB gives " + iops + " IOPS for " + gib + " GiB, below gp3's 3000";
                }
                iops = GP3_MIN_IOPS;
            }
        } else {
            iops = GP3_MIN_IOPS;
        }
        if (p.has("throughput")) {
            long mibs = Long.parseLong(p.path("throughput").asText());
            if (mibs * 4 > iops || mibs < 125 || mibs > 1000) {
                return mibs + " MiB/s outside 125-1000 or above 0.25 MiB/s per IOPS of " + iops + " IOPS";
            }
        }
        return null;
    }

    /** Every claim of the stack: PVCs, StatefulSet claim templates and the Prometheus operator's template. */
    private static Map<String, JsonNode> claims(String stack) {
        Map<String, JsonNode> claims = new HashMap<>();
        for (ObjectNode o : objects(stack)) {
            String id = o.path("kind").asText() + "/" + o.at("/metadata/name").asText();
            switch (o.path("kind").asText()) {
                case "PersistentVolumeClaim" -> claims.put(id, o.path("spec"));
                case "StatefulSet" -> o.at("/spec/volumeClaimTemplates")
                        .forEach(t -> claims.put(id + "/" + t.at("/metadata/name").asText(), t.path("spec")));
                case "Prometheus" -> claims.put(id, o.at("/spec/storage/volumeClaimTemplate/spec"));
                default -> {
                }
            }
        }
        return claims;
    }

    private static long gib(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        if (quantity.endsWith("Ti")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        throw new IllegalArgumentException("claim size " + quantity + " not in Gi or Ti");
    }
}
