package dev.voiceplane.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cloud volume limits as AWS and Azure document them, per claim size. */
class StorageLimitsTest {
    private static Source storageClass(String provisioner, String parameters) {
        return YamlDocuments.read("sc.yaml", "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: c\nprovisioner: " + provisioner
                + "\nparameters:\n" + parameters).get(0);
    }

    private static List<String> ebs(String parameters, double gib) {
        return StorageLimits.problems(storageClass("ebs.csi.aws.com", parameters), gib);
    }

    @Test
    void gp3AllowsFiveHundredIopsPerGibAndAQuarterMibPerIops() {
        assertThat(ebs("  type: gp3\n  iops: \"6000\"\n", 5)).singleElement().asString().contains("6000 IOPS exceeds 500 per GiB above the 3000 baseline (at most 3000");
        assertThat(ebs("  type: gp3\n  iops: \"3000\"\n", 1)).as("the baseline, whatever the size").isEmpty();
        assertThat(ebs("  type: gp3\n  iops: \"1500\"\n", 5)).singleElement().asString().contains("outside 3000–16000");
        assertThat(ebs("  type: gp3\n  iops: \"6000\"\n", 12)).isEmpty();
        assertThat(ebs("  type: gp3\n  iops: \"3000\"\n  throughput: \"1000\"\n", 100)).singleElement().asString().contains("0.25 MiB/s per IOPS");
        assertThat(ebs("  type: gp3\n  iops: \"20000\"\n", 1000)).singleElement().asString().contains("outside 3000–16000");
    }

    /** gp3 has 3,000 IOPS at any size; the driver raises iopsPerGB products to it when told to, and caps them at 16,000. */
    @Test
    void gp3sBaselineFitsEverySizeAndTheDriverRaisesIopsPerGbToIt() {
        assertThat(ebs("  type: gp3\n  iops: \"3000\"\n", 1)).isEmpty();
        assertThat(ebs("  type: gp3\n  iopsPerGB: \"300\"\n  allowAutoIOPSPerGBIncrease: \"true\"\n  throughput: \"250\"\n", 5)).isEmpty();
        assertThat(ebs("  type: gp3\n  iopsPerGB: \"300\"\n", 5)).singleElement().asString().contains("outside 3000–16000");
        assertThat(ebs("  type: gp3\n  iopsPerGB: \"500\"\n", 100)).isEmpty();
    }

    @Test
    void io1AllowsFiftyAndIo2AThousandIopsPerGib() {
        assertThat(ebs("  type: io1\n  iops: \"1000\"\n", 10)).singleElement().asString().contains("exceeds 50 per GiB");
        assertThat(ebs("  type: io1\n  iops: \"500\"\n", 10)).isEmpty();
        assertThat(ebs("  type: io2\n  iops: \"20000\"\n", 10)).singleElement().asString().contains("exceeds 1000 per GiB");
        assertThat(ebs("  type: io1\n  iopsPerGB: \"60\"\n", 10)).singleElement().asString().contains("exceeds 50 per GiB");
    }

    @Test
    void throughputOptimisedAndColdHddStartAt125Gib() {
        assertThat(ebs("  type: st1\n", 20)).singleElement().asString().contains("at least 125 GiB");
        assertThat(ebs("  type: sc1\n", 125)).isEmpty();
    }

    @Test
    void azurePremiumV2AndPremiumFilesHaveTheirLimits() {
        Source v2 = storageClass("disk.csi.azure.com", "  skuName: PremiumV2_LRS\n  DiskIOPSReadWrite: \"10000\"\n");
        assertThat(StorageLimits.problems(v2, 10)).singleElement().asString().contains("500 per GiB above the 3,000 baseline");
        assertThat(StorageLimits.problems(v2, 20)).isEmpty();
        Source files = storageClass("file.csi.azure.com", "  skuName: Premium_LRS\n");
        assertThat(StorageLimits.problems(files, 50)).singleElement().asString().contains("at least 100 GiB");
        assertThat(StorageLimits.problems(storageClass("disk.csi.azure.com", "  skuName: Premium_LRS\n"), 5)).isEmpty();
    }
}
