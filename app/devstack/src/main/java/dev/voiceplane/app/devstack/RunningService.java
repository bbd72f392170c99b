package dev.voiceplane.app.devstack;

import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.catalog.ServiceSpec;

/** One service of the local run: its catalog entry and its running instance. */
public record RunningService(ServiceSpec spec, ServiceRuntime runtime) {

    public String url() {
        return "http://127.0.0.1:" + runtime.port();
    }
}
