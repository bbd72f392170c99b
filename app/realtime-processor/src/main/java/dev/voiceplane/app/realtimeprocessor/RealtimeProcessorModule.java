package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.azurespeech.AzureSpeechClient;
import dev.voiceplane.app.azurespeech.AzureSpeechProviders;
import dev.voiceplane.app.speech.SpeechEngines;
import dev.voiceplane.app.speech.offline.OfflineSpeech;
import dev.voiceplane.app.azurespeech.SpeechEndpoints;
import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Anyone;
import dev.voiceplane.app.core.auth.RateLimitPolicy;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.realtimeprocessor.telephony.AcsCallAutomation;
import dev.voiceplane.app.realtimeprocessor.telephony.AcsWebSocketAuth;
import dev.voiceplane.app.realtimeprocessor.telephony.TwilioCalls;
import dev.voiceplane.app.realtimeprocessor.telephony.StreamTokens;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.ws.WebSocketAuth;
import dev.voiceplane.catalog.Env;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * realtime-processor: WebSocket call sessions (catalog port 3002) at {@value #CALL_PATH}. Reads
 * {@code MAX_CONCURRENT_CALLS}, {@code WEBSOCKET_TIMEOUT} and {@code PROCESSING_PIPELINE_TIMEOUT}
 * (milliseconds), and {@code AZURE_SPEECH_KEY} with {@code AZURE_SPEECH_REGION} for the voice
 * pipeline; without them calls take text turns only and audio is refused with a clear error.
 */
public final class RealtimeProcessorModule implements ServiceModule {

    public static final String NAME = "realtime-processor";
    public static final String CALL_PATH = "/ws/calls";
    /**
     * Call sockets one user token holds at once unless {@code MAX_CALLS_PER_USER} says otherwise: a
     * person takes one call at a time, three leaves room for a reconnect and a second device.
     */
    static final int DEFAULT_CALLS_PER_USER = 3;

    private final Function<String, SpeechEndpoints> speechEndpoints;
    /** The engines when no Azure Speech key is configured: the offline ones, or a test's or benchmark's stand-ins. */
    private final java.util.function.Supplier<SpeechEngines> withoutAzure;
    private final VoiceChain chain;
    private java.net.URI acsOpenIdConfiguration = java.net.URI.create(AcsWebSocketAuth.OPENID_CONFIGURATION);
    private java.net.URI twilioApi = TwilioCalls.API;

    public RealtimeProcessorModule() {
        this(SpeechEndpoints::ofRegion);
    }

    /** Speech through {@code engines} unless Azure Speech is configured (tests, the benchmark's stand-ins). */
    public RealtimeProcessorModule(SpeechEngines engines) {
        this(engines, VoiceChain.STREAMING);
    }

    /** The same, making replies the way {@code chain} says (the load benchmark compares both). */
    public RealtimeProcessorModule(SpeechEngines engines, VoiceChain chain) {
        this.speechEndpoints = SpeechEndpoints::ofRegion;
        this.withoutAzure = () -> engines;
        this.chain = chain;
    }

    /**
     * @param speechEndpoints where the region's Speech APIs are: Azure's public endpoints in
     *                        production, a local stand-in in this module's tests and benchmark
     */
    public RealtimeProcessorModule(Function<String, SpeechEndpoints> speechEndpoints) {
        this(speechEndpoints, VoiceChain.STREAMING);
    }

    /**
     * The same, making replies the way {@code chain} says: streamed, Azure's speech-to-text goes
     * through the Speech SDK with partial results; whole turns, through the REST API for short audio.
     */
    public RealtimeProcessorModule(Function<String, SpeechEndpoints> speechEndpoints, VoiceChain chain) {
        this.speechEndpoints = speechEndpoints;
        this.withoutAzure = SpeechEngines::offline;
        this.chain = chain;
    }

    /**
     * Where ACS's OpenID configuration is read (the keys that sign its media WebSockets); default
     * Azure's, {@value AcsWebSocketAuth#OPENID_CONFIGURATION}. Tests point it at a local stand-in.
     */
    public RealtimeProcessorModule withAcsOpenIdConfiguration(java.net.URI configuration) {
        this.acsOpenIdConfiguration = configuration;
        return this;
    }

    /** Where Twilio's REST API is; default {@code https://api.twilio.com}. Tests point it at a local stand-in. */
    public RealtimeProcessorModule withTwilioApi(java.net.URI api) {
        this.twilioApi = api;
        return this;
    }

    /**
     * Requests without a token here are the telephony webhooks, which every provider sends from a few
     * addresses of its own (Twilio's, Event Grid's): a per-address limit would refuse calls once a
     * provider's traffic passed it (the load benchmark hit it at 60 calls a minute). They are not
     * counted; each is authenticated by its signature or secret before any work, and
     * MAX_CONCURRENT_CALLS bounds the calls. Users and services keep core's limits.
     */
    @Override
    public RateLimitPolicy rateLimitPolicy() {
        return new RateLimitPolicy(RateLimitPolicy.DEFAULT.window(), RateLimitPolicy.UNLIMITED, RateLimitPolicy.DEFAULT.user(),
                RateLimitPolicy.DEFAULT.service());
    }

    @Override
    public void install(ServiceContext context) {
        int maxCalls = context.config().intValue(Env.MAX_CONCURRENT_CALLS);
        Duration idle = Duration.ofMillis(context.config().intValue(Env.WEBSOCKET_TIMEOUT));
        Duration turnBudget = Duration.ofMillis(context.config().intValue(Env.PROCESSING_PIPELINE_TIMEOUT));
        Input.require(maxCalls > 0, Env.MAX_CONCURRENT_CALLS + " must be positive");
        int maxCallsPerUser = context.config().intValue(Env.MAX_CALLS_PER_USER, DEFAULT_CALLS_PER_USER);
        Input.require(maxCallsPerUser > 0, Env.MAX_CALLS_PER_USER + " must be positive");
        CallRouting routing = new CallRouting(context.client("smart-whitelist", turnBudget), context.client("conversation-engine", turnBudget),
                context.client("conversation-analyzer", turnBudget), context.clock());
        CallStore calls = new CallStore(context.redis(), context.clock());
        CallFinisher finisher = new CallFinisher(calls, routing, context.redis(), context.metrics());
        context.every("call-finisher", CallFinisher.RETRY_INTERVAL, CallFinisher.RETRY_INTERVAL, finisher::retryPending);
        // Turns and utterances wait on other services; at most one utterance per call runs at a time, so
        // MAX_CONCURRENT_CALLS bounds the threads in use. Daemon threads: a stuck callee never holds the JVM.
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pipeline = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "call-pipeline-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        context.closeOnShutdown(pipeline::shutdownNow);
        ConversationTurns turns = new ConversationTurns(routing, calls, context.metrics(), pipeline);
        // Azure Speech when its key and region are set; otherwise the offline engines, so a spoken call works with no key.
        SpeechEngines engines = AzureSpeechClient.fromConfig(context.config(), speechEndpoints)
                .map(client -> new SpeechEngines("azure", chain == VoiceChain.STREAMING ? client.streamingSpeechToText()
                        : AzureSpeechProviders.speechToText(client), AzureSpeechProviders.textToSpeech(client)))
                .orElseGet(withoutAzure);
        if (engines.name().equals("offline")) {
            OfflineSpeech.warmUp(); // the models load in the background (seconds); calls start meanwhile, their first words wait
        }
        Optional<SpeechPipeline> speech = Optional.of(new SpeechPipeline(engines.speechToText(), engines.textToSpeech(), turns,
                context.metrics(), turnBudget, pipeline, chain));
        Set<Role> roles = Set.of(Role.USER, Role.SERVICE, Role.ADMIN);
        // Native sockets and telephony streams share one registry and one admission: they share the replica's capacity.
        InFlightTurns work = new InFlightTurns();
        SessionRegistry registry = new SessionRegistry();
        CallAdmission admission = new CallAdmission(registry, work::draining, context.metrics(), maxCalls, maxCallsPerUser);
        AudioIntake audio = new AudioIntake(speech, pipeline, work, context.metrics());
        CallSessions sessions = new CallSessions(new WebSocketAuth(context.tokens(), roles), registry, admission, audio, work, calls, routing,
                finisher, turns, context.metrics(), idle, turnBudget);
        context.websocket(CALL_PATH, roles, sessions::install);
        context.app().wsBeforeUpgrade(CALL_PATH, sessions::beforeUpgrade);
        context.onDrain(work::drain);
        StreamTokens streamTokens = new StreamTokens(context.config().get(Env.JWT_ACCESS_SECRET), context.clock());
        Optional<String> publicUrl = context.config().optional(Env.TELEPHONY_PUBLIC_URL);
        Optional<String> putThroughNumber = context.config().optional(Env.PUT_THROUGH_NUMBER);
        if (putThroughNumber.isPresent() && !TwilioCalls.E164.matcher(putThroughNumber.get()).matches()) {
            throw new ConfigException("service '" + NAME + "': " + Env.PUT_THROUGH_NUMBER + " must be an E.164 number such as +4930123456");
        }
        // Twilio: the voice webhook (signed by Twilio, so open to anyone) and the media stream it connects calls to.
        context.config().optional(Env.TWILIO_AUTH_TOKEN).ifPresent(authToken -> {
            TwilioVoiceWebhook webhook = new TwilioVoiceWebhook(authToken, publicUrl, streamTokens, admission, context.metrics());
            context.app().post(TwilioVoiceWebhook.PATH, webhook::handle, Anyone.ANYONE);
            TwilioMediaStream stream = new TwilioMediaStream(sessions, streamTokens, new TwilioCalls(twilioApi, authToken, turnBudget),
                    putThroughNumber, context.metrics());
            context.app().ws(TwilioMediaStream.PATH, stream::install);
        });
        // ACS: Event Grid's IncomingCall webhook answers through Call Automation with media streaming to our socket.
        Optional<String> acs = context.config().optional(Env.ACS_CONNECTION_STRING);
        Optional<String> acsSecret = context.config().optional(Env.ACS_WEBHOOK_SECRET);
        if (acs.isPresent() != acsSecret.isPresent()) {
            throw new ConfigException("service '" + NAME + "': " + (acs.isPresent() ? Env.ACS_WEBHOOK_SECRET : Env.ACS_CONNECTION_STRING)
                    + " is not set; set both " + Env.ACS_CONNECTION_STRING + " and " + Env.ACS_WEBHOOK_SECRET + " to take ACS calls, or neither");
        }
        if (acs.isPresent()) {
            AcsCallAutomation automation;
            try {
                automation = AcsCallAutomation.fromConnectionString(acs.get(), context.clock(), turnBudget);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("service '" + NAME + "': " + Env.ACS_CONNECTION_STRING + ": " + e.getMessage());
            }
            AcsIncomingCallWebhook webhook = new AcsIncomingCallWebhook(automation, acsSecret.get(), publicUrl, streamTokens, admission,
                    context.metrics());
            context.app().post(AcsIncomingCallWebhook.PATH, webhook::handle, Anyone.ANYONE);
            context.app().post(AcsIncomingCallWebhook.CALLBACKS, webhook::callback, Anyone.ANYONE);
            String resource = context.config().optional(Env.ACS_RESOURCE_ID).orElseThrow(() -> new ConfigException("service '" + NAME + "': "
                    + Env.ACS_CONNECTION_STRING + " is set but " + Env.ACS_RESOURCE_ID + " is not; ACS's media WebSockets are signed for"
                    + " the resource's id (Azure portal: the resource's JSON view, immutableResourceId)"));
            AcsWebSocketAuth auth = new AcsWebSocketAuth(acsOpenIdConfiguration, resource, context.clock());
            pipeline.execute(auth::warmUp);
            AcsMediaStream stream = new AcsMediaStream(sessions, streamTokens, auth, automation, putThroughNumber, context.metrics());
            context.app().ws(AcsMediaStream.PATH, stream::install);
        }

        context.app().get("/api/calls/{callId}", ctx -> {
            String callId = Input.param("callId", ctx.pathParam("callId"), StartFrame.ID, StartFrame.ID_RULE);
            CallState call = calls.find(callId).orElseThrow(() -> new NotFoundResponse("no call " + callId + " in progress"));
            if (!AccessGuard.principal(ctx).mayActFor(call.userId())) {
                throw new ForbiddenResponse("you may only read your own calls");
            }
            ctx.json(Map.of("call", call, "turns", calls.transcript(callId).size() / 2));
        }, Role.USER, Role.SERVICE, Role.ADMIN);
    }
}
