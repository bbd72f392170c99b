package dev.voiceplane.app.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Amazon Transcribe's batch job API over its JSON 1.1 protocol
 * (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartTranscriptionJob.html,
 * API_GetTranscriptionJob.html, API_DeleteTranscriptionJob.html): jobs read their media from a bucket
 * of this region, run for a set number of polls or a set time, then write the documented transcript
 * JSON to OutputBucketName/OutputKey and answer its TranscriptFileUri. What a recording "says" is
 * told to the stand-in ({@link #hears}); a recording it was told nothing about fails as
 * undecodable media does. Errors are {@code {"__type": "...Exception", "Message": "..."}} with status 400.
 *
 * <p>Both wire protocols Transcribe offers are served: AWS JSON 1.1 ({@code POST /},
 * {@code X-Amz-Target: Transcribe.<Operation>}, {@code application/x-amz-json-1.1}) and Smithy RPC v2
 * CBOR (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html: {@code POST
 * /service/Transcribe/operation/<Operation>}, {@code Smithy-Protocol: rpc-v2-cbor}, CBOR bodies,
 * timestamps as tag 1 epoch seconds, errors' {@code __type} a shape id), which the SDK picks.
 */
public final class TranscribeStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String CBOR_PATH = "/service/Transcribe/operation/";
    private static final Set<String> TIMESTAMPS = Set.of("CreationTime", "StartTime", "CompletionTime");
    private static final Pattern JOB_NAME = Pattern.compile("^[0-9a-zA-Z._-]{1,200}$");
    private static final Set<String> MEDIA_FORMATS = Set.of("mp3", "mp4", "wav", "flac", "ogg", "amr", "webm", "m4a");

    /** What a recording says: a Transcribe language code (hi-IN) and the words. */
    public record Heard(String languageCode, String text) {
    }

    private static final class Job {
        final ObjectNode request;
        final long startedNanos = System.nanoTime();
        final double created = System.currentTimeMillis() / 1000.0;
        int pollsLeft;
        String status = "IN_PROGRESS";
        String failure;
        String language;
        Double score;
        String transcriptUri;

        Job(ObjectNode request, int polls) {
            this.request = request;
            this.pollsLeft = polls;
        }
    }

    private final String region;
    private final S3StandIn s3;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Heard> heard = new ConcurrentHashMap<>();
    private volatile Function<byte[], Optional<Heard>> fallback = media -> Optional.empty();
    private volatile int pollsBeforeDone;
    private volatile Duration jobTime = Duration.ZERO;

    TranscribeStandIn(String region, S3StandIn s3) {
        this.region = region;
        this.s3 = s3;
    }

    /** Recordings with exactly these bytes say {@code text} in {@code languageCode}. */
    public TranscribeStandIn hears(byte[] media, String languageCode, String text) {
        heard.put(sha256(media), new Heard(languageCode, text));
        return this;
    }

    /** What any other recording says (benchmarks); empty fails the job. */
    public TranscribeStandIn hearsOtherwise(Function<byte[], Optional<Heard>> what) {
        this.fallback = what;
        return this;
    }

    /** GetTranscriptionJob answers IN_PROGRESS this many times before the job ends. Default 0. */
    public TranscribeStandIn pollsBeforeDone(int polls) {
        this.pollsBeforeDone = polls;
        return this;
    }

    /** A job ends no sooner than this after it started (benchmarks). Default 0. */
    public TranscribeStandIn jobTime(Duration time) {
        this.jobTime = time;
        return this;
    }

    /** Jobs that exist (not deleted), by name. */
    public Set<String> jobs() {
        return new TreeSet<>(jobs.keySet());
    }

    /** The request a job was started with, as sent. */
    public Optional<JsonNode> startRequest(String job) {
        return Optional.ofNullable(jobs.get(job)).map(j -> j.request);
    }

    static boolean isCbor(AwsStandIn.Call call) {
        return call.path().startsWith(CBOR_PATH);
    }

    AwsStandIn.Answer handle(String operation, AwsStandIn.Call call) {
        boolean cbor = isCbor(call);
        if (cbor ? !"rpc-v2-cbor".equals(call.header("Smithy-Protocol")) || !"application/cbor".equals(call.header("Content-Type"))
                : !CONTENT_TYPE.equals(call.header("Content-Type"))) {
            return error(cbor, 400, "UnknownOperationException", cbor ? "Smithy-Protocol: rpc-v2-cbor and Content-Type: application/cbor "
                    + "are required" : "Content-Type must be " + CONTENT_TYPE);
        }
        ObjectNode request;
        try {
            request = call.body().length == 0 ? JSON.createObjectNode() : (ObjectNode) (cbor ? CBOR : JSON).readTree(call.body());
        } catch (IOException | ClassCastException e) {
            return error(cbor, 400, "SerializationException", "the request body is not a " + (cbor ? "CBOR map" : "JSON object"));
        }
        AwsStandIn.Answer answer = switch (operation) {
            case "StartTranscriptionJob" -> start(request);
            case "GetTranscriptionJob" -> get(request.path("TranscriptionJobName").asText());
            case "DeleteTranscriptionJob" -> {
                String name = request.path("TranscriptionJobName").asText();
                yield jobs.remove(name) == null ? notFound() : ok(JSON.createObjectNode());
            }
            default -> error(400, "UnknownOperationException", "no operation " + operation + " here");
        };
        return cbor ? toCbor(answer) : answer;
    }

    /** The same answer in RPC v2 CBOR: the body re-encoded, timestamps tagged, the error type as a shape id. */
    private static AwsStandIn.Answer toCbor(AwsStandIn.Answer json) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(json.body());
            if (body.has("__type")) {
                body.put("__type", "com.amazonaws.transcribe#" + body.path("__type").asText());
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (CBORGenerator generator = CBOR.getFactory().createGenerator(out)) {
                write(generator, null, body);
            }
            return new AwsStandIn.Answer(json.status(), Map.of("Content-Type", "application/cbor", "Smithy-Protocol", "rpc-v2-cbor"),
                    out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(CBORGenerator out, String field, JsonNode node) throws IOException {
        if (node.isObject()) {
            out.writeStartObject();
            for (var entry : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                out.writeFieldName(entry.getKey());
                write(out, entry.getKey(), entry.getValue());
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode item : node) {
                write(out, null, item);
            }
            out.writeEndArray();
        } else if (field != null && TIMESTAMPS.contains(field)) {
            out.writeTag(1);
            out.writeNumber(node.asDouble());
        } else if (node.isTextual()) {
            out.writeString(node.asText());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.asBoolean());
        } else if (node.isIntegralNumber()) {
            out.writeNumber(node.asLong());
        } else if (node.isNumber()) {
            out.writeNumber(node.asDouble());
        } else {
            out.writeNull();
        }
    }

    private AwsStandIn.Answer start(ObjectNode request) {
        String name = request.path("TranscriptionJobName").asText("");
        if (!JOB_NAME.matcher(name).matches()) {
            return error(400, "BadRequestException", "TranscriptionJobName '" + name + "' must match ^[0-9a-zA-Z._-]+ (1-200)");
        }
        if (jobs.containsKey(name)) {
            return error(400, "ConflictException", "The requested job name already exists. Use a different job name.");
        }
        String format = request.path("MediaFormat").asText("");
        if (!format.isEmpty() && !MEDIA_FORMATS.contains(format)) {
            return error(400, "BadRequestException", "MediaFormat '" + format + "' is not one of " + new TreeSet<>(MEDIA_FORMATS));
        }
        boolean identify = request.path("IdentifyLanguage").asBoolean(false);
        boolean fixed = request.hasNonNull("LanguageCode");
        if (identify == fixed) {
            return error(400, "BadRequestException", "Specify exactly one of LanguageCode, IdentifyLanguage or IdentifyMultipleLanguages.");
        }
        if (identify && request.path("LanguageOptions").size() < 2) {
            return error(400, "BadRequestException", "LanguageOptions must contain at least two language codes.");
        }
        Optional<String> mediaProblem = s3Problem(request.path("Media").path("MediaFileUri").asText(""), true);
        if (mediaProblem.isPresent()) {
            return error(400, "BadRequestException", mediaProblem.get());
        }
        String output = request.path("OutputBucketName").asText("");
        if (!output.isEmpty() && s3Problem("s3://" + output + "/", false).isPresent()) {
            return error(400, "BadRequestException", s3Problem("s3://" + output + "/", false).orElseThrow());
        }
        Job job = new Job(request, pollsBeforeDone);
        jobs.put(name, job);
        return ok(view(name, job));
    }

    /** Why Transcribe here cannot use {@code uri}: no such object, or a bucket in another region. */
    private Optional<String> s3Problem(String uri, boolean object) {
        if (!uri.startsWith("s3://") || uri.indexOf('/', 5) < 0) {
            return Optional.of("The S3 URI '" + uri + "' is not of the form s3://<bucket>/<key>.");
        }
        String bucket = uri.substring(5, uri.indexOf('/', 5));
        String key = uri.substring(uri.indexOf('/', 5) + 1);
        Optional<String> bucketRegion = s3.regionOf(bucket);
        if (bucketRegion.isEmpty()) {
            return Optional.of("The specified S3 bucket " + bucket + " does not exist.");
        }
        if (!bucketRegion.get().equals(region)) {
            return Optional.of("The S3 bucket " + bucket + " is in " + bucketRegion.get() + "; Amazon Transcribe in " + region
                    + " reads media from and writes output to buckets in its own Region.");
        }
        if (object && s3.object(bucket, key).isEmpty()) {
            return Optional.of("The URI that you provided doesn't point to an S3 object. Make sure that the object exists and try your request again.");
        }
        return Optional.empty();
    }

    private AwsStandIn.Answer get(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            return notFound();
        }
        synchronized (job) {
            if (job.status.equals("IN_PROGRESS")) {
                if (job.pollsLeft > 0) {
                    job.pollsLeft--;
                } else if (System.nanoTime() - job.startedNanos >= jobTime.toNanos()) {
                    finish(name, job);
                }
            }
            return ok(view(name, job));
        }
    }

    private void finish(String name, Job job) {
        String uri = job.request.path("Media").path("MediaFileUri").asText();
        String bucket = uri.substring(5, uri.indexOf('/', 5));
        byte[] media = s3.object(bucket, uri.substring(uri.indexOf('/', 5) + 1)).orElse(new byte[0]);
        Optional<Heard> said = Optional.ofNullable(heard.get(sha256(media))).or(() -> fallback.apply(media));
        if (said.isEmpty()) {
            job.status = "FAILED";
            job.failure = "Failed to parse audio file. The media file could not be decoded.";
            return;
        }
        List<String> options = new ArrayList<>();
        job.request.path("LanguageOptions").forEach(o -> options.add(o.asText()));
        boolean identify = !options.isEmpty();
        String language = identify ? (options.contains(said.get().languageCode()) ? said.get().languageCode() : options.get(0))
                : job.request.path("LanguageCode").asText();
        job.language = language;
        job.score = identify ? (language.equals(said.get().languageCode()) ? 0.9783 : 0.2104) : null;
        String outputBucket = job.request.path("OutputBucketName").asText("");
        String key = job.request.path("OutputKey").asText(name + ".json");
        if (outputBucket.isEmpty()) {
            outputBucket = "aws-transcribe-" + region + "-prod"; // the service-managed bucket: the URI is presigned
            s3.create(outputBucket, region);
        }
        s3.write(outputBucket, key, transcriptJson(name, said.get().text(), identify ? language : null, options, job.score));
        job.transcriptUri = "https://s3." + region + ".amazonaws.com/" + outputBucket + "/" + key;
        job.status = "COMPLETED";
    }

    /** The documented output shape: jobName, accountId, status, results.transcripts/items (+ language fields when identified). */
    private static byte[] transcriptJson(String name, String text, String identified, List<String> options, Double score) {
        ObjectNode root = JSON.createObjectNode().put("jobName", name).put("accountId", "000000000000").put("status", "COMPLETED");
        ObjectNode results = root.putObject("results");
        if (identified != null) {
            results.put("language_code", identified);
        }
        results.putArray("transcripts").addObject().put("transcript", text);
        ArrayNode items = results.putArray("items");
        double time = 0.3;
        for (String word : text.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            items.addObject().put("start_time", String.format(java.util.Locale.ROOT, "%.2f", time))
                    .put("end_time", String.format(java.util.Locale.ROOT, "%.2f", time + 0.4))
                    .put("type", "pronunciation").putArray("alternatives").addObject().put("confidence", "0.99").put("content", word);
            time += 0.45;
        }
        if (identified != null) {
            ArrayNode identification = results.putArray("language_identification");
            for (String option : options) {
                identification.addObject().put("score", String.valueOf(option.equals(identified) ? score : (1 - score) / options.size()))
                        .put("code", option);
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode view(String name, Job job) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode view = body.putObject("TranscriptionJob");
        view.put("TranscriptionJobName", name).put("TranscriptionJobStatus", job.status)
                .put("CreationTime", job.created).put("StartTime", job.created);
        view.set("Media", job.request.path("Media"));
        if (job.request.hasNonNull("MediaFormat")) {
            view.put("MediaFormat", job.request.path("MediaFormat").asText());
        }
        if (job.request.hasNonNull("LanguageCode")) {
            view.put("LanguageCode", job.request.path("LanguageCode").asText());
        }
        if (job.request.path("IdentifyLanguage").asBoolean(false)) {
            view.put("IdentifyLanguage", true);
            view.set("LanguageOptions", job.request.path("LanguageOptions"));
            if (job.language != null) {
                view.put("LanguageCode", job.language);
                view.put("IdentifiedLanguageScore", job.score);
            }
        }
        if (job.transcriptUri != null) {
            view.putObject("Transcript").put("TranscriptFileUri", job.transcriptUri);
            view.put("CompletionTime", System.currentTimeMillis() / 1000.0);
        }
        if (job.failure != null) {
            view.put("FailureReason", job.failure);
        }
        return body;
    }

    private static AwsStandIn.Answer ok(ObjectNode body) {
        return AwsStandIn.Answer.json(200, body.toString(), CONTENT_TYPE);
    }

    private static AwsStandIn.Answer notFound() {
        return error(400, "NotFoundException", "The requested job couldn't be found. Check the job name and try your request again.");
    }

    static AwsStandIn.Answer error(boolean cbor, int status, String type, String message) {
        AwsStandIn.Answer json = error(status, type, message);
        return cbor ? toCbor(json) : json;
    }

    static AwsStandIn.Answer error(int status, String type, String message) {
        String body = JSON.createObjectNode().put("__type", type).put("Message", message).toString();
        return new AwsStandIn.Answer(status, Map.of("Content-Type", CONTENT_TYPE, "x-amzn-ErrorType", type),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
