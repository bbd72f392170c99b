package dev.voiceplane.app.usermanagement;

import static dev.voiceplane.app.usermanagement.UserFixtures.PASSWORD;
import static dev.voiceplane.app.usermanagement.UserFixtures.login;
import static dev.voiceplane.app.usermanagement.UserFixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Whatever happens — logins, failures, refreshes, reuse — no password or token reaches a log line. */
class NoSecretsInLogsTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("user-management", UserManagementModule::new);

    @Test
    void passwordsAndTokensNeverAppearInLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("dev.voiceplane");
        Level rootLevel = root.getLevel();
        Level ourLevel = ours.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.INFO);
        ours.setLevel(Level.DEBUG); // what LOG_LEVEL=DEBUG gives an operator
        try {
            register(SERVICE, "quiet@example.org");
            login(SERVICE, "quiet@example.org", "wrong password here", null, "d");
            TestResponse tokens = login(SERVICE, "quiet@example.org");
            SERVICE.http().get("/api/users/me", tokens.text("accessToken"));
            SERVICE.http().get("/api/users/me", tokens.text("accessToken") + "tampered");
            SERVICE.http().post("/api/auth/refresh", Map.of("refreshToken", tokens.text("refreshToken")), null);
            SERVICE.http().post("/api/auth/refresh", Map.of("refreshToken", tokens.text("refreshToken")), null);
            SERVICE.http().post("/api/auth/register", "{\"email\": \"x@example.org\", \"password\": \"" + PASSWORD + "\"", null);

            List<String> lines = captured.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))
                    + e.getMDCPropertyMap()).toList();
            assertThat(lines).as("log lines were captured").isNotEmpty();
            for (String secret : List.of(PASSWORD, "wrong password here", tokens.text("accessToken"), tokens.text("refreshToken"))) {
                assertThat(lines).noneMatch(line -> line.contains(secret));
            }
        } finally {
            root.detachAppender(captured);
            root.setLevel(rootLevel);
            ours.setLevel(ourLevel);
        }
    }
}
