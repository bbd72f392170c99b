package dev.voiceplane.app.devstack;

import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.realtimeprocessor.RealtimeProcessorModule;
import dev.voiceplane.app.realtimeprocessor.testing.AcsStandIn;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceSpec;
import java.util.Map;

/**
 * The telephony side of a local stack: realtime-processor's Twilio endpoints with a local auth
 * token (so {@link TwilioCallClient} can sign its webhook as Twilio would), and its ACS endpoints
 * answering through a local Call Automation stand-in. Local-only values, never a real account's.
 *
 * <p>The stack that asks for it owns it and closes it after its services: the stand-in's HTTP
 * servers run on threads that would otherwise keep the JVM alive after a benchmark's last line.
 * The stand-in starts only when realtime-processor is part of the stack.
 */
final class LocalTelephony implements AutoCloseable {

    /** The Twilio auth token of the local run; {@link TwilioCallClient} signs with it by default. */
    static final String TWILIO_AUTH_TOKEN = "local-twilio-auth-token";
    /** The secret of the local run's ACS webhook URLs (?code=). */
    static final String ACS_WEBHOOK_SECRET = "local-acs-webhook-secret";

    private AcsStandIn acs;
    private boolean closed;

    /** The variables the local stack adds for {@code spec}: none except for realtime-processor. */
    synchronized Map<String, String> environment(ServiceSpec spec) {
        if (!spec.name().equals(RealtimeProcessorModule.NAME)) {
            return Map.of();
        }
        if (closed) {
            throw new IllegalStateException("the local telephony is closed");
        }
        if (acs == null) {
            acs = AcsStandIn.start();
        }
        return Map.of(Env.TWILIO_AUTH_TOKEN, TWILIO_AUTH_TOKEN, Env.ACS_CONNECTION_STRING, acs.connectionString(),
                Env.ACS_WEBHOOK_SECRET, ACS_WEBHOOK_SECRET, Env.ACS_RESOURCE_ID, AcsStandIn.RESOURCE_ID);
    }

    /** Points realtime-processor at the stand-in's signing keys, so the local ACS's media WebSockets are admitted; others as they are. */
    synchronized ServiceModule configure(ServiceModule module) {
        if (module instanceof RealtimeProcessorModule realtime && acs != null) {
            return realtime.withAcsOpenIdConfiguration(acs.openIdConfiguration());
        }
        return module;
    }

    /** Stops the ACS stand-in, if it was started. */
    @Override
    public synchronized void close() {
        closed = true;
        if (acs != null) {
            acs.close();
            acs = null;
        }
    }
}
