package dev.voiceplane.infra;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/**
 * Resource options for children of a component, and the stricter ones for anything holding data.
 *
 * <p>Design rule "nothing that holds data is deleted or replaced without an explicit flag": a data
 * resource is {@code protect}ed, so {@code pulumi destroy}, a rename or a replacing change stops with
 * an error until someone runs {@code pulumi state unprotect}; and {@code retainOnDelete}, so even an
 * unprotected delete only forgets the resource in Pulumi's state and leaves it in the cloud.
 */
public final class DataProtection {
    private DataProtection() {
    }

    /** A plain child of {@code parent}. */
    public static CustomResourceOptions child(Resource parent) {
        return CustomResourceOptions.builder().parent(parent).build();
    }

    /** A child of {@code parent} that holds data: protected and retained on delete. */
    public static CustomResourceOptions holdsData(Resource parent) {
        return CustomResourceOptions.builder().parent(parent).protect(true).retainOnDelete(true).build();
    }
}
