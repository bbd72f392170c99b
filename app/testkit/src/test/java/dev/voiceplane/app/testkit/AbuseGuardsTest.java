package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.catalog.SystemName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What core refuses on every service: oversized bodies, NUL bytes, odd tokens, revoked users. */
class AbuseGuardsTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of(SampleService.SPEC, SampleService::new);

    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    @Test
    void aChunkedBodyOverOneMegabyteIsRefusedWith413WithoutReadingItAll() throws Exception {
        ChunkedUpload.Result result = ChunkedUpload.post(SERVICE.runtime().port(), "/api/notes", SERVICE.token("chunky", Role.USER), HUNDRED_MB);
        assertThat(result.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(result.bytesSent()).as("bytes the client got to send before the connection was closed").isLessThan(HUNDRED_MB / 4);
    }

    @Test
    void aNulByteInATextFieldIsA400NotA500() {
        TestResponse response = SERVICE.http().post("/api/notes", "{\"text\":\"a\\u0000b\"}", SERVICE.token("nul", Role.USER));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("message")).contains("'text'").contains("NUL");
    }

    @Test
    void errorMessagesNameNoJavaClass() {
        TestResponse response = SERVICE.http().post("/api/notes", "{\"text\":[\"a\"]}", SERVICE.token("types", Role.USER));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("message")).contains("'text'").doesNotContain("java.").doesNotContain("dev.voiceplane");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        String noExp = JWT.create().withIssuer(AccessTokens.ISSUER).withSubject("forever").withAudience(SystemName.AI_NINJA.id())
                .withClaim("roles", List.of("user")).withClaim("typ", "access").withIssuedAt(Instant.now())
                .sign(Algorithm.HMAC256(LocalEnvironment.ACCESS_SECRET));
        assertThat(SERVICE.http().get("/api/notes", noExp).status()).isEqualTo(401);
        assertThat(SERVICE.http().get("/api/notes", noExp).status()).isEqualTo(401);
    }

    @Test
    void aTokenOfTheOtherSystemIsRefusedEvenWithTheSameKey() {
        AccessTokens bharatvoice = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, SystemName.BHARATVOICE, Clock.systemUTC());
        String foreign = bharatvoice.issue(new Principal("u-bv", Set.of(Role.USER), ""), Duration.ofMinutes(5));
        assertThat(SERVICE.http().get("/api/notes", foreign).status()).isEqualTo(401);
        assertThat(SERVICE.http().get("/api/notes", SERVICE.token("u-ai", Role.USER)).status()).isEqualTo(200);
    }

    @Test
    void aRevokedUsersTokensAreRefusedAtOnceAndNewOnesWork() {
        String old = SERVICE.token("demoted", Role.ADMIN, Role.USER);
        assertThat(SERVICE.http().get("/api/admin", old).status()).isEqualTo(200);
        SERVICE.runtime().context().revocations().revokeAll("demoted");
        assertThat(SERVICE.http().get("/api/admin", old).status()).isEqualTo(401);
        assertThat(SERVICE.http().get("/api/notes", old).status()).isEqualTo(401);
        assertThat(SERVICE.http().get("/api/notes", SERVICE.token("demoted", Role.USER)).status()).isEqualTo(200);
    }

    @Test
    void errorCountersExistAtZeroBeforeTheFirstError() {
        String metrics = SERVICE.http().get("/metrics", null).raw();
        assertThat(metrics).contains("http_server_errors_total{method=\"GET\",route=\"/api/notes\",service=\"sample\"} 0.0");
        assertThat(metrics).contains("http_server_errors_total{method=\"GET\",route=\"/api/admin\",service=\"sample\"} 0.0")
                .contains("http_server_unhandled_exceptions_total{service=\"sample\"} ");
    }

    @Test
    void aFailedStatementLogsNoBoundValue() {
        String secret = "totp-seed-JBSWY3DPEHPK3PXP";
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            TestResponse response = SERVICE.http().post("/api/notes/numbers", Map.of("text", secret), SERVICE.token("leaky", Role.USER));
            assertThat(response.status()).isEqualTo(500);
        } finally {
            root.detachAppender(captured);
        }
        List<String> lines = captured.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertThat(lines).as("the failure was logged").anyMatch(line -> line.contains("/api/notes/numbers"));
        assertThat(lines).noneMatch(line -> line.contains(secret));
    }
}
