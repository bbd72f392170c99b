package dev.voiceplane.infra.azure;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/** Options for a child that must wait for a sibling: Azure rejects concurrent writes to one virtual network's subnets. */
final class CustomOrder {
    private CustomOrder() {
    }

    static CustomResourceOptions after(Resource parent, Resource sibling) {
        return CustomResourceOptions.builder().parent(parent).dependsOn(sibling).build();
    }
}
