package dev.voiceplane.app.core.redis;

import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.runtime.CallBudgets;
import dev.voiceplane.catalog.Env;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * The service's Redis: a pooled Jedis client and a key namespace. Every key a service writes
 * starts with its own name, so services sharing one Redis (the local run, a small cluster) never
 * collide.
 */
public final class RedisStore implements AutoCloseable {

    /** Connections per replica; request threads borrow one per command and give it straight back. */
    public static final int POOL_SIZE = 64;
    /** Opening a connection; a refused one fails at once, an unreachable host after this. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    /**
     * Waiting for the answer to a command. A Redis that hangs (accepts, never answers) must cost a
     * call less than its budget (PROCESSING_PIPELINE_TIMEOUT, 1500 ms) with room for the fallback:
     * at 2 s the fault suite's hung-Redis decision took 2 s. Blocking commands (BLMOVE) wait without
     * it: Jedis lifts the timeout for them.
     */
    public static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    /** Waiting for a pooled connection when all {@link #POOL_SIZE} are borrowed. */
    public static final Duration BORROW_TIMEOUT = Duration.ofSeconds(2);

    private final JedisPooled client;
    private final String namespace;

    private RedisStore(JedisPooled client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public static RedisStore connect(ServiceConfig config) {
        return connect(config, CallBudgets.PRODUCTION);
    }

    /** The same with the waits {@code budgets} gives {@link CallBudgets#REDIS} (tests raise them to a floor). */
    public static RedisStore connect(ServiceConfig config, CallBudgets budgets) {
        DefaultJedisClientConfig.Builder clientConfig = DefaultJedisClientConfig.builder()
                .clientName(config.serviceName())
                .socketTimeoutMillis((int) budgets.apply(CallBudgets.REDIS, READ_TIMEOUT).toMillis())
                // A Redis that is gone must be noticed inside a call's budget (PROCESSING_PIPELINE_TIMEOUT, 1500 ms).
                .connectionTimeoutMillis((int) budgets.apply(CallBudgets.REDIS, CONNECT_TIMEOUT).toMillis());
        config.optional(Env.REDIS_PASSWORD).ifPresent(clientConfig::password);
        boolean tls = config.optional(Env.REDIS_TLS).map(Boolean::parseBoolean).orElse(false);
        clientConfig.ssl(tls);
        if (tls) {
            // A certificate chain alone proves only that someone holds a certificate from a trusted CA; checking that
            // it names REDIS_HOST (as HTTPS does) is what stops a man in the middle with any other valid certificate.
            SSLParameters parameters = new SSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            clientConfig.sslParameters(parameters);
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMinIdle(4);
        pool.setMaxWait(budgets.apply(CallBudgets.REDIS, BORROW_TIMEOUT));
        pool.setJmxEnabled(false);
        // After a Redis restart every pooled connection is dead and would fail one command each;
        // checking idle ones every second (PING, in the background) drops them before a request
        // borrows them, without a round trip per borrow on the hot path.
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(1));
        pool.setNumTestsPerEvictionRun(-1);
        HostAndPort address = new HostAndPort(config.get(Env.REDIS_HOST), config.port(Env.REDIS_PORT));
        return new RedisStore(new JedisPooled(pool, address, clientConfig.build()), config.serviceName());
    }

    public JedisPooled client() {
        return client;
    }

    /** A key in this service's namespace: {@code key("profile", "+4915")} is {@code <service>:profile:+4915}. */
    public String key(String... parts) {
        return namespace + ":" + String.join(":", parts);
    }

    /** Whether Redis answers PING; used by readiness. */
    public boolean answers() {
        try {
            return "PONG".equals(client.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
