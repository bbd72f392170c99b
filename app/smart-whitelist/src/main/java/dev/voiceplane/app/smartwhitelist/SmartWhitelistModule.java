package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.http.ServiceClient;
import dev.voiceplane.app.core.privacy.PersonalDataRoutes;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.ServiceCatalog;
import java.util.EnumSet;
import java.util.Set;
import java.time.Duration;

/** smart-whitelist: lists, rules and call decisions (catalog port 3006). */
public final class SmartWhitelistModule implements ServiceModule {

    public static final String NAME = "smart-whitelist";
    /**
     * A decision must not wait long for a profile: the phone is ringing. Long enough for a cold
     * profile-analytics replica's first answer (measured 300-500 ms here), short enough that a
     * hung one costs the caller under a second once per pause (see {@link SpamProfiles}).
     */
    public static final Duration PROFILE_TIMEOUT = Duration.ofMillis(800);

    /**
     * Decisions are short (two Redis round trips, no SQL when warm); measured here at 200 concurrent
     * clients, 48 threads gave more throughput and a shorter tail than 250. The one blocking call, a
     * profile lookup, is bounded by {@link #PROFILE_TIMEOUT} and paused after a failure.
     */
    @Override
    public int maxRequestThreads() {
        return 48;
    }

    /**
     * Ready while PostgreSQL answers: decisions fall back to it when Redis is down (see
     * {@link DecisionService}), so a cache outage must not take every replica out of service.
     */
    @Override
    public Set<DataStore> readinessRequires(Set<DataStore> used) {
        return EnumSet.of(DataStore.POSTGRES);
    }

    @Override
    public void install(ServiceContext context) {
        WhitelistRepository repository = new WhitelistRepository(context.database().jdbi());
        ServiceClient analytics = context.client("profile-analytics", PROFILE_TIMEOUT);
        analytics.warmUp(ServiceCatalog.get("profile-analytics").probes().live());
        SpamProfiles profiles = new SpamProfiles(context.redis(), analytics, context.clock(), context.metrics());
        DecisionService decisions = new DecisionService(repository, context.redis(), profiles, context.metrics());
        new WhitelistRoutes(repository, decisions, context.clock()).install(context.app());
        PersonalDataRoutes.install(context.app(), NAME, new WhitelistPersonalData(repository, decisions));
    }
}
