package dev.voiceplane.app.testkit.aws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Amazon S3 path-style ({@code /<bucket>/<key>}) as far as voice jobs use it: PutObject, GetObject,
 * DeleteObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html and siblings),
 * with S3's XML error bodies (NoSuchBucket, NoSuchKey). PutObject bodies the SDK sends in
 * {@code aws-chunked} encoding (its default since 2.30 adds a trailing checksum,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html) are decoded to the object.
 */
public final class S3StandIn {

    private record Bucket(String region, Map<String, byte[]> objects) {
    }

    private final String region;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    S3StandIn(String region) {
        this.region = region;
    }

    void create(String name, String inRegion) {
        buckets.putIfAbsent(name, new Bucket(inRegion, new ConcurrentHashMap<>()));
    }

    /** The object, if it exists. */
    public Optional<byte[]> object(String bucket, String key) {
        Bucket b = buckets.get(bucket);
        return b == null ? Optional.empty() : Optional.ofNullable(b.objects().get(key));
    }

    /** The keys in {@code bucket}, sorted. */
    public Set<String> keys(String bucket) {
        Bucket b = buckets.get(bucket);
        return b == null ? Set.of() : new TreeSet<>(b.objects().keySet());
    }

    Optional<String> regionOf(String bucket) {
        Bucket b = buckets.get(bucket);
        return b == null ? Optional.empty() : Optional.of(b.region());
    }

    /** Writes an object as the service itself would (Transcribe's output). */
    void write(String bucket, String key, byte[] content) {
        buckets.get(bucket).objects().put(key, content);
    }

    static String operation(String method) {
        return switch (method) {
            case "PUT" -> "PutObject";
            case "GET", "HEAD" -> "GetObject";
            case "DELETE" -> "DeleteObject";
            default -> method + "Object";
        };
    }

    AwsStandIn.Answer handle(AwsStandIn.Call call) {
        String path = call.path().startsWith("/") ? call.path().substring(1) : call.path();
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            return error(400, "InvalidRequest", "only object operations on /<bucket>/<key> are served here");
        }
        String bucketName = path.substring(0, slash);
        String key = java.net.URLDecoder.decode(path.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        Bucket bucket = buckets.get(bucketName);
        if (bucket == null) {
            return error(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        if (!bucket.region().equals(region)) {
            return error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint.");
        }
        return switch (call.method()) {
            case "PUT" -> {
                byte[] content = isChunked(call) ? decodeChunked(call.body()) : call.body();
                bucket.objects().put(key, content);
                yield new AwsStandIn.Answer(200, Map.of("ETag", "\"" + md5(content) + "\""), new byte[0]);
            }
            case "GET", "HEAD" -> {
                byte[] content = bucket.objects().get(key);
                if (content == null) {
                    yield error(404, "NoSuchKey", "The specified key does not exist.");
                }
                yield new AwsStandIn.Answer(200, Map.of("Content-Type", "application/octet-stream", "ETag", "\"" + md5(content) + "\""),
                        call.method().equals("HEAD") ? new byte[0] : content);
            }
            case "DELETE" -> {
                bucket.objects().remove(key);
                yield new AwsStandIn.Answer(204, Map.of(), new byte[0]);
            }
            default -> error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        };
    }

    private static boolean isChunked(AwsStandIn.Call call) {
        String encoding = call.header("Content-Encoding");
        String sha = call.header("x-amz-content-sha256");
        return (encoding != null && encoding.contains("aws-chunked")) || (sha != null && sha.startsWith("STREAMING-"));
    }

    /** {@code <hex size>[;chunk-signature=...]\r\n<bytes>\r\n} ... {@code 0...\r\n<trailers>\r\n\r\n}. */
    static byte[] decodeChunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(body, at, size);
            at += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("malformed aws-chunked body");
    }

    static AwsStandIn.Answer error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";
        return new AwsStandIn.Answer(status, Map.of("Content-Type", "application/xml"), xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
