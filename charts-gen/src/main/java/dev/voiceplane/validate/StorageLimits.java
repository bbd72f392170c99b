package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A StorageClass's parameters fit every claim on it, as the cloud checks them when the volume is
 * created (a refused volume leaves the claim, and the pod, Pending):
 * <ul>
 *   <li>EBS gp3: 3,000–16,000 IOPS, at most 500 IOPS per GiB; 125–1,000 MiB/s, at most 0.25 MiB/s per IOPS
 *       (https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type);</li>
 *   <li>EBS io1: 100–64,000 IOPS, at most 50 per GiB; io2 (Block Express): 100–256,000 IOPS, at most 1,000 per GiB
 *       (https://docs.aws.amazon.com/ebs/latest/userguide/provisioned-iops.html);</li>
 *   <li>EBS st1 and sc1: at least 125 GiB (https://docs.aws.amazon.com/ebs/latest/userguide/hdd-vols.html);</li>
 *   <li>Azure Premium SSD v2: 3,000–80,000 IOPS, at most 500 per GiB beyond the 3,000 baseline; 125–1,200 MB/s,
 *       at most 0.25 MB/s per IOPS; Ultra Disk: at most 300 IOPS per GiB
 *       (https://learn.microsoft.com/azure/virtual-machines/disks-types);</li>
 *   <li>Azure Files premium shares: at least 100 GiB (https://learn.microsoft.com/azure/storage/files/understanding-billing#provisioned-v1-model).</li>
 * </ul>
 * Claims are PersistentVolumeClaims, StatefulSet volumeClaimTemplates and the storage templates of
 * prometheus-operator's Prometheus and Alertmanager.
 */
final class StorageLimits {
    static final RuleSpec SPEC = RuleSpec.of("storage-class-limits", Severity.ERROR, Layer.CROSS_OBJECT,
            "storage-class parameters fit the claims on them (EBS gp3/io1/io2 IOPS per GiB and throughput, st1/sc1 minimum size, "
                    + "Azure Premium SSD v2/Ultra IOPS, Azure Files premium minimum)",
            "lower the class's IOPS/throughput or grow the claim", "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html")
            .decidedBy("voiceplane:dataStores");
    private static final double GIB = 1024.0 * 1024 * 1024;

    private StorageLimits() {
    }

    /** A claim somewhere in an object: where, which class, how big. */
    record Claim(Source owner, String path, String storageClass, BigDecimal bytes) {
    }

    static Rule rule() {
        return Rules.of(SPEC, (m, f) -> {
            for (Claim claim : claims(m)) {
                Optional<Source> sc = storageClass(m, claim.storageClass());
                if (sc.isEmpty() || claim.bytes() == null) {
                    continue;
                }
                for (String problem : problems(sc.get(), claim.bytes().doubleValue() / GIB)) {
                    f.add(claim.owner(), claim.path(), "claim on StorageClass " + sc.get().name() + " (" + claim.bytes().doubleValue() / GIB + " GiB): " + problem);
                }
            }
        });
    }

    static List<Claim> claims(Model m) {
        List<Claim> claims = new ArrayList<>();
        for (Source pvc : m.ofKind("PersistentVolumeClaim")) {
            claims.add(claim(pvc, "/spec", pvc.at("/spec")));
        }
        for (Source sts : m.ofKind("StatefulSet")) {
            int i = 0;
            for (JsonNode t : sts.at("/spec/volumeClaimTemplates")) {
                claims.add(claim(sts, "/spec/volumeClaimTemplates/" + i++ + "/spec", t.path("spec")));
            }
        }
        for (Source cr : m.ofKind("Prometheus", "Alertmanager")) {
            JsonNode spec = cr.at("/spec/storage/volumeClaimTemplate/spec");
            if (spec.isObject()) {
                claims.add(claim(cr, "/spec/storage/volumeClaimTemplate/spec", spec));
            }
        }
        return claims;
    }

    private static Claim claim(Source owner, String path, JsonNode spec) {
        return new Claim(owner, path + "/resources/requests/storage", spec.path("storageClassName").asText(""),
                Amounts.parse(spec.at("/resources/requests/storage").asText("")));
    }

    private static Optional<Source> storageClass(Model m, String name) {
        if (name.isEmpty()) {
            return m.ofKind("StorageClass").stream()
                    .filter(s -> s.annotation("storageclass.kubernetes.io/is-default-class").equals("true")).findFirst();
        }
        return m.find("StorageClass", "", name);
    }

    /** Why the cloud refuses a volume of {@code gib} GiB from this class; empty when it fits. */
    static List<String> problems(Source sc, double gib) {
        List<String> out = new ArrayList<>();
        String provisioner = sc.at("/provisioner").asText();
        JsonNode p = sc.at("/parameters");
        if (provisioner.equals("ebs.csi.aws.com") || provisioner.equals("kubernetes.io/aws-ebs")) {
            String type = p.path("type").asText(provisioner.equals("ebs.csi.aws.com") ? "gp3" : "gp2").toLowerCase(java.util.Locale.ROOT);
            Double iops = number(p, "iops");
            if (iops == null && p.has("iopsPerGB")) {
                iops = number(p, "iopsPerGB") * gib;
                // The EBS CSI driver raises a too-small product to the type's minimum when asked to, and
                // always caps it at the maximum (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md).
                if (type.equals("gp3")) {
                    if (p.path("allowAutoIOPSPerGBIncrease").asText().equals("true")) {
                        iops = Math.max(iops, 3000);
                    }
                    iops = Math.min(iops, 16000);
                }
            }
            Double throughput = number(p, "throughput");
            switch (type) {
                case "gp3" -> {
                    if (iops != null) {
                        range(out, "IOPS", iops, 3000, 16000);
                        // 3,000 is gp3's baseline at any size; 500 per GiB bounds what is provisioned above it
                        // (https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type).
                        if (iops > 3000 && iops > 500 * gib) {
                            out.add(fmt(iops) + " IOPS exceeds 500 per GiB above the 3000 baseline (at most "
                                    + fmt(Math.max(3000, 500 * gib)) + " for this size)");
                        }
                    }
                    if (throughput != null) {
                        range(out, "throughput MiB/s", throughput, 125, 1000);
                        double baseIops = iops == null ? 3000 : iops;
                        if (throughput > 0.25 * baseIops) {
                            out.add("throughput " + fmt(throughput) + " MiB/s exceeds 0.25 MiB/s per IOPS (" + fmt(0.25 * baseIops) + " for " + fmt(baseIops) + " IOPS)");
                        }
                    }
                }
                case "io1" -> {
                    if (iops != null) {
                        range(out, "IOPS", iops, 100, 64000);
                        perGib(out, "IOPS", iops, 50, gib);
                    }
                }
                case "io2" -> {
                    if (iops != null) {
                        range(out, "IOPS", iops, 100, 256000);
                        perGib(out, "IOPS", iops, 1000, gib);
                    }
                }
                case "st1", "sc1" -> {
                    if (gib < 125) {
                        out.add(type + " volumes are at least 125 GiB");
                    }
                }
                default -> {
                }
            }
        }
        if (provisioner.equals("disk.csi.azure.com") || provisioner.equals("kubernetes.io/azure-disk")) {
            String sku = p.path("skuName").asText(p.path("storageaccounttype").asText(""));
            Double iops = number(p, "DiskIOPSReadWrite");
            Double mbps = number(p, "DiskMBpsReadWrite");
            if (sku.startsWith("PremiumV2")) {
                if (iops != null) {
                    range(out, "IOPS", iops, 3000, 80000);
                    if (iops > 3000 && iops > 500 * gib) {
                        out.add(fmt(iops) + " IOPS exceeds 500 per GiB above the 3,000 baseline (" + fmt(Math.max(3000, 500 * gib)) + " for this size)");
                    }
                }
                if (mbps != null) {
                    range(out, "throughput MB/s", mbps, 125, 1200);
                    double base = iops == null ? 3000 : iops;
                    if (mbps > 125 && mbps > 0.25 * base) {
                        out.add("throughput " + fmt(mbps) + " MB/s exceeds 0.25 MB/s per IOPS");
                    }
                }
            }
            if (sku.startsWith("UltraSSD") && iops != null) {
                perGib(out, "IOPS", iops, 300, gib);
            }
        }
        if (provisioner.equals("file.csi.azure.com") && p.path("skuName").asText("").startsWith("Premium") && gib < 100) {
            out.add("premium Azure Files shares are at least 100 GiB");
        }
        return out;
    }

    private static Double number(JsonNode params, String key) {
        try {
            return params.has(key) ? Double.parseDouble(params.path(key).asText()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void range(List<String> out, String what, double value, double min, double max) {
        if (value < min || value > max) {
            out.add(what + " " + fmt(value) + " is outside " + fmt(min) + "–" + fmt(max));
        }
    }

    private static void perGib(List<String> out, String what, double value, double perGib, double gib) {
        if (value > perGib * gib) {
            out.add(fmt(value) + " " + what + " exceeds " + fmt(perGib) + " per GiB (at most " + fmt(perGib * gib) + " for this size)");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
