package dev.voiceplane.app.devstack.faults;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log line the services of the run write (they share this JVM), from WARN up as
 * logback-test.xml lets through: message and stack trace as the JSON encoder would print them.
 */
final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** The lines written so far, each with its stack trace. */
    List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
            return appender.list.stream().map(LogCapture::text).toList();
        }
    }

    private static String text(ILoggingEvent event) {
        String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
        return event.getThrowableProxy() == null ? line : line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
