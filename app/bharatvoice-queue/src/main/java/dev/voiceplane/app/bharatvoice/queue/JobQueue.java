package dev.voiceplane.app.bharatvoice.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * BharatVoice's job queue in Redis, with reliable hand-over (the "reliable queue" pattern of the
 * Redis {@code LMOVE} documentation): a job is never only in a worker's memory.
 *
 * <pre>
 * enqueue ──► ready (LIST) ──BLMOVE──► processing:&lt;consumer&gt; (LIST) ──► succeeded (hash kept {@value #RETENTION_DAYS} days)
 *               ▲                              │ fail, attempts left
 *               └──── delayed (ZSET, due) ◄────┤
 *                                              └ fail, no attempts left ──► dead (LIST)
 * </pre>
 *
 * Every transition is one Lua script, so a job is always in exactly one place. A consumer that
 * dies leaves its jobs in its processing list; its heartbeat key expires and any live consumer
 * moves them back to ready ({@link #recoverOrphans()}). Keys live under the fixed prefix
 * {@value #PREFIX} rather than a service's namespace, because two services (the assistant and the
 * worker) share them.
 */
public final class JobQueue {

    public static final String PREFIX = "bharatvoice:jobs";
    public static final int RETENTION_DAYS = 7;
    static final Duration RETENTION = Duration.ofDays(RETENTION_DAYS);

    private static final String ENQUEUE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'id', ARGV[1], 'kind', ARGV[2], 'payload', ARGV[3], 'status', 'QUEUED',
                       'attempts', '0', 'createdAt', ARGV[4], 'updatedAt', ARGV[4])
            redis.call('LPUSH', KEYS[2], ARGV[1])
            return 1""";
    private static final String START = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HINCRBY', KEYS[1], 'attempts', 1)
            redis.call('HSET', KEYS[1], 'status', 'RUNNING', 'updatedAt', ARGV[1])
            return 1""";
    // SUCCEED, RETRY and BURY leave a purged job purged (its hash gone: the owner was erased while it ran).
    private static final String SUCCEED = """
            redis.call('LREM', KEYS[2], 1, ARGV[1])
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'status', 'SUCCEEDED', 'result', ARGV[2], 'updatedAt', ARGV[3])
            redis.call('HDEL', KEYS[1], 'lastError')
            redis.call('EXPIRE', KEYS[1], ARGV[4])
            return 1""";
    private static final String RETRY = """
            redis.call('LREM', KEYS[2], 1, ARGV[1])
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
            redis.call('HSET', KEYS[1], 'status', 'RETRYING', 'lastError', ARGV[2], 'updatedAt', ARGV[3])
            return 1""";
    // RETRY without counting the attempt: the try failed for a store, not for the job.
    private static final String POSTPONE = """
            redis.call('LREM', KEYS[2], 1, ARGV[1])
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
            redis.call('HINCRBY', KEYS[1], 'attempts', -1)
            redis.call('HSET', KEYS[1], 'status', 'RETRYING', 'lastError', ARGV[2], 'updatedAt', ARGV[3])
            return 1""";
    private static final String BURY = """
            redis.call('LREM', KEYS[2], 1, ARGV[1])
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('LPUSH', KEYS[3], ARGV[1])
            redis.call('HSET', KEYS[1], 'status', 'DEAD', 'lastError', ARGV[2], 'updatedAt', ARGV[3])
            return 1""";
    private static final String RELEASE = """
            if redis.call('LREM', KEYS[2], 1, ARGV[1]) == 0 then return 0 end
            redis.call('RPUSH', KEYS[3], ARGV[1])
            redis.call('HINCRBY', KEYS[1], 'attempts', -1)
            redis.call('HSET', KEYS[1], 'status', 'QUEUED', 'updatedAt', ARGV[2])
            return 1""";
    private static final String PROMOTE = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
            for _, id in ipairs(due) do
              redis.call('ZREM', KEYS[1], id)
              if redis.call('EXISTS', ARGV[2] .. ':job:' .. id) == 1 then
                redis.call('LPUSH', KEYS[2], id)
                redis.call('HSET', ARGV[2] .. ':job:' .. id, 'status', 'QUEUED', 'updatedAt', ARGV[3])
              end
            end
            return #due""";

    /** Forgets jobs wherever they wait: their hash (payload, result) and their place in ready, delayed and dead. */
    private static final String PURGE = """
            local purged = 0
            for _, id in ipairs(ARGV) do
              purged = purged + redis.call('DEL', KEYS[1] .. ':job:' .. id)
              redis.call('LREM', KEYS[1] .. ':ready', 0, id)
              redis.call('ZREM', KEYS[1] .. ':delayed', id)
              redis.call('LREM', KEYS[1] .. ':dead', 0, id)
            end
            return purged""";
    private static final String DISCARD = """
            redis.call('LREM', KEYS[2], 1, ARGV[1])
            return redis.call('DEL', KEYS[1])""";

    private final JedisPooled redis;
    private final Clock clock;

    public JobQueue(JedisPooled redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Adds a job; once this returns the job is in Redis and will run. Returns its id. */
    public String enqueue(String kind, String payload) {
        String id = newId();
        enqueue(id, kind, payload);
        return id;
    }

    /** A fresh job id, for a caller that records the job elsewhere before enqueueing it. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Adds the job {@code id} unless Redis already knows it (queued, running, retrying, finished or
     * dead): enqueueing the same job twice, as a reconciliation sweep may, runs it once. True when
     * this call added it.
     */
    public boolean enqueue(String id, String kind, String payload) {
        return Long.valueOf(1).equals(redis.eval(ENQUEUE, List.of(jobKey(id), readyKey()), List.of(id, kind, payload, now())));
    }

    public Optional<Job> find(String id) {
        Map<String, String> fields = redis.hgetAll(jobKey(id));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Job(id, fields.get("kind"), fields.get("payload"), JobStatus.valueOf(fields.get("status")),
                Integer.parseInt(fields.getOrDefault("attempts", "0")), fields.get("lastError"), fields.get("result"),
                Instant.parse(fields.get("createdAt")), Instant.parse(fields.get("updatedAt"))));
    }

    /**
     * Takes the oldest ready job into {@code consumer}'s processing list, waiting up to {@code wait}
     * (at least 0.1 s; fractions need Redis 6 or later) for one to arrive; its attempt count goes up by one.
     */
    public Optional<Job> claim(String consumer, Duration wait) {
        double seconds = Math.max(0.1, wait.toMillis() / 1000.0);
        String id = redis.blmove(readyKey(), processingKey(consumer), ListDirection.RIGHT, ListDirection.LEFT, seconds);
        if (id == null) {
            return Optional.empty();
        }
        Object started = redis.eval(START, List.of(jobKey(id)), List.of(now()));
        if (!Long.valueOf(1).equals(started)) {
            redis.lrem(processingKey(consumer), 1, id); // its hash expired long ago: nothing left to run
            return Optional.empty();
        }
        return find(id);
    }

    public void succeed(String consumer, String id, String result) {
        redis.eval(SUCCEED, List.of(jobKey(id), processingKey(consumer)), List.of(id, result, now(), Long.toString(RETENTION.toSeconds())));
    }

    /** Schedules another attempt at {@code dueAt}. */
    public void retry(String consumer, String id, String error, Instant dueAt) {
        redis.eval(RETRY, List.of(jobKey(id), processingKey(consumer), delayedKey()),
                List.of(id, error, now(), Long.toString(dueAt.toEpochMilli())));
    }

    /**
     * Schedules another try at {@code dueAt} without counting this one: it failed because a store
     * the worker needs did not answer, which says nothing about the job, so an outage of any length
     * uses up none of its attempts.
     */
    public void postpone(String consumer, String id, String error, Instant dueAt) {
        redis.eval(POSTPONE, List.of(jobKey(id), processingKey(consumer), delayedKey()),
                List.of(id, error, now(), Long.toString(dueAt.toEpochMilli())));
    }

    /** Moves a job to the dead-letter list. */
    public void bury(String consumer, String id, String error) {
        redis.eval(BURY, List.of(jobKey(id), processingKey(consumer), deadKey()), List.of(id, error, now()));
    }

    /** Gives an unfinished job back to the front of the queue without counting the attempt (shutdown). */
    public boolean release(String consumer, String id) {
        return Long.valueOf(1).equals(redis.eval(RELEASE, List.of(jobKey(id), processingKey(consumer), readyKey()), List.of(id, now())));
    }

    /**
     * Forgets the jobs {@code ids} (their owner was erased, or they are past retention): payload and
     * result go, and a waiting job never runs. A job a consumer holds right now stays in its
     * processing list; the consumer's succeed, retry or bury then writes nothing back, and a claim
     * after a crash finds no hash and drops it. Returns how many jobs Redis still knew.
     */
    public int purge(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return ((Long) redis.eval(PURGE, List.of(PREFIX), List.copyOf(ids))).intValue();
    }

    /** Drops a job {@code consumer} holds without recording an outcome: its owner was erased while it ran. */
    public void discard(String consumer, String id) {
        redis.eval(DISCARD, List.of(jobKey(id), processingKey(consumer)), List.of(id));
    }

    /** Moves retries whose backoff is over back to ready; returns how many. */
    public int promoteDue() {
        Object moved = redis.eval(PROMOTE, List.of(delayedKey(), readyKey()),
                List.of(Long.toString(clock.millis()), PREFIX, now()));
        return ((Long) moved).intValue();
    }

    /** Tells other consumers this one is alive for {@code ttl}. */
    public void heartbeat(String consumer, Duration ttl) {
        redis.set(PREFIX + ":consumer:" + consumer, now(), SetParams.setParams().px(ttl.toMillis()));
    }

    /** Signs off: no heartbeat, so nothing waits for this consumer. */
    public void signOff(String consumer) {
        redis.del(PREFIX + ":consumer:" + consumer);
    }

    /** Moves the jobs of consumers whose heartbeat expired (crashed) back to ready; returns how many. */
    public int recoverOrphans() {
        int recovered = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match(PREFIX + ":processing:*").count(100);
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            for (String key : page.getResult()) {
                String consumer = key.substring((PREFIX + ":processing:").length());
                if (redis.exists(PREFIX + ":consumer:" + consumer)) {
                    continue;
                }
                String id;
                while ((id = redis.lmove(key, readyKey(), ListDirection.RIGHT, ListDirection.RIGHT)) != null) {
                    redis.hset(jobKey(id), Map.of("status", JobStatus.QUEUED.name(), "updatedAt", now()));
                    recovered++;
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return recovered;
    }

    /** Ids in {@code consumer}'s processing list. */
    public List<String> processing(String consumer) {
        return redis.lrange(processingKey(consumer), 0, -1);
    }

    public long readyCount() {
        return redis.llen(readyKey());
    }

    public long delayedCount() {
        return redis.zcard(delayedKey());
    }

    public long deadCount() {
        return redis.llen(deadKey());
    }

    /** The newest dead-letter ids first. */
    public List<String> dead(int limit) {
        return new ArrayList<>(redis.lrange(deadKey(), 0, limit - 1L));
    }

    private String now() {
        return clock.instant().toString();
    }

    static String jobKey(String id) {
        return PREFIX + ":job:" + id;
    }

    static String readyKey() {
        return PREFIX + ":ready";
    }

    static String delayedKey() {
        return PREFIX + ":delayed";
    }

    static String deadKey() {
        return PREFIX + ":dead";
    }

    static String processingKey(String consumer) {
        return PREFIX + ":processing:" + consumer;
    }
}
