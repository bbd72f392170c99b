package dev.voiceplane.app.bharatvoice.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first stage of a voice job: the upload the payload names is a file inside {@code DATA_DIR}
 * (never a path out of it), present (a missing file fails the attempt, since the shared volume may
 * not be mounted yet, so it is retried and ends in the dead-letter list if it never appears), and
 * what it is: size, SHA-256, and for a WAV file its format, sample rate, channels and duration.
 */
final class UploadCheck {

    /** A verified upload. {@code facts} go into the job's result as they are. */
    record Checked(Path file, String format, double durationSeconds, Map<String, Object> facts) {
    }

    private UploadCheck() {
    }

    static Checked check(Path dataDir, JsonNode payload) throws IOException {
        String file = payload.path("file").asText("");
        if (file.isEmpty() || file.contains("..") || file.startsWith("/") || file.indexOf('.') < 0) {
            throw new JobHandler.PermanentFailure("payload field 'file' must be a path inside DATA_DIR, got '" + file + "'");
        }
        Path path = dataDir.resolve(file);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "upload not found under DATA_DIR");
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] header = new byte[44];
        int headerLength = 0;
        long bytes = 0;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (headerLength < header.length) {
                    int n = Math.min(read, header.length - headerLength);
                    System.arraycopy(buffer, 0, header, headerLength, n);
                    headerLength += n;
                }
                sha256.update(buffer, 0, read);
                bytes += read;
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("uploadId", payload.path("uploadId").asText());
        facts.put("bytes", bytes);
        facts.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        facts.putAll(wavInfo(header, headerLength));
        Object duration = facts.get("durationSeconds");
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return new Checked(path, extension, duration instanceof Double d ? d : -1, facts);
    }

    /** Fields of a canonical 44-byte RIFF/WAVE header, or {@code format: unknown}. */
    static Map<String, Object> wavInfo(byte[] header, int length) {
        Map<String, Object> info = new LinkedHashMap<>();
        if (length < 44 || !"RIFF".equals(new String(header, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                || !"WAVE".equals(new String(header, 8, 4, java.nio.charset.StandardCharsets.US_ASCII))) {
            info.put("format", "unknown");
            return info;
        }
        ByteBuffer le = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int channels = le.getShort(22);
        int sampleRate = le.getInt(24);
        int byteRate = le.getInt(28);
        long dataBytes = Integer.toUnsignedLong(le.getInt(40));
        info.put("format", "wav");
        info.put("channels", channels);
        info.put("sampleRate", sampleRate);
        info.put("durationSeconds", byteRate > 0 ? Math.round(dataBytes * 1000.0 / byteRate) / 1000.0 : null);
        return info;
    }
}
