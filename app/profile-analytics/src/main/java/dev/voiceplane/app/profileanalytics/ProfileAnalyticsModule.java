package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.privacy.PersonalDataRoutes;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import java.time.Duration;

/** profile-analytics: call history, caller profiles and the business metrics (catalog port 3004). */
public final class ProfileAnalyticsModule implements ServiceModule {

    public static final String NAME = "profile-analytics";

    @Override
    public void install(ServiceContext context) {
        CallHistory history = new CallHistory(context.database().jdbi(), ReportPolicy.from(context.config()));
        BusinessMetrics metrics = new BusinessMetrics(history, context.clock(), context.metrics());
        context.every("business-metrics", Duration.ZERO, BusinessMetrics.REFRESH, metrics::refresh);
        new AnalyticsRoutes(history, metrics, context.clock()).install(context.app());
        PersonalDataRoutes.install(context.app(), NAME, new AnalyticsPersonalData(context.database().jdbi()));
    }
}
