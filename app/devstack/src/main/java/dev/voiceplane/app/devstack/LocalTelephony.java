package dev.voiceplane.app.devstack;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.realtimeprocessor.RealtimeProcessorModule;
import dev.voiceplane.app.realtimeprocessor.testing.AcsStandIn;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceSpec;
import java.util.Map;

/**
 * The telephony side of the local run: realtime-processor's Twilio endpoints with a local auth
 * token (so {@link TwilioCallClient} can sign its webhook as Twilio would), and its ACS endpoints
 * answering through a local Call Automation stand-in. Local-only values, never a real account's.
 */
final class LocalTelephony {

    /** The Twilio auth token of the local run; {@link TwilioCallClient} signs with it by default. */
    static final String TWILIO_AUTH_TOKEN = "local-twilio-auth-token";
    /** The secret of the local run's ACS webhook URLs (?code=). */
    static final String ACS_WEBHOOK_SECRET = "local-acs-webhook-secret";

    private static AcsStandIn acs;

    private LocalTelephony() {
    }

    /** The variables the local run adds for {@code spec}: none except for realtime-processor. */
    static synchronized Map<String, String> environment(ServiceSpec spec) {
        if (!spec.name().equals(RealtimeProcessorModule.NAME)) {
            return Map.of();
        }
        if (acs == null) {
            acs = AcsStandIn.start(); // daemon threads: it lives as long as the local run
        }
        return Map.of(Env.TWILIO_AUTH_TOKEN, TWILIO_AUTH_TOKEN, Env.ACS_CONNECTION_STRING, acs.connectionString(),
                Env.ACS_WEBHOOK_SECRET, ACS_WEBHOOK_SECRET, Env.ACS_RESOURCE_ID, AcsStandIn.RESOURCE_ID);
    }

    /** Points realtime-processor at the stand-in's signing keys, so the local ACS's media WebSockets are admitted; others as they are. */
    static synchronized ServiceModule configure(ServiceModule module) {
        if (module instanceof RealtimeProcessorModule realtime && acs != null) {
            return realtime.withAcsOpenIdConfiguration(acs.openIdConfiguration());
        }
        return module;
    }
}
