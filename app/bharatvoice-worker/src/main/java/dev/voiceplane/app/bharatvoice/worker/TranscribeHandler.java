package dev.voiceplane.app.bharatvoice.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
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
 * {@code voice.transcribe}: processes an uploaded recording from {@code DATA_DIR}. Speech
 * recognition itself is not part of this build (no cloud speech service or local model is
 * available here): the job verifies the file, records its size and SHA-256, reads the WAV header
 * (format, sample rate, channels, duration) when it is one, and says plainly that no transcript
 * was produced. A missing file fails the attempt (the shared volume may not be mounted yet), so it
 * is retried and ends in the dead-letter list if it never appears.
 */
public final class TranscribeHandler implements JobHandler {

    public static final String KIND = "voice.transcribe";

    private final Path dataDir;

    public TranscribeHandler(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public String handle(JsonNode payload) throws IOException, NoSuchAlgorithmException {
        String file = payload.path("file").asText("");
        if (file.isEmpty() || file.contains("..") || file.startsWith("/")) {
            throw new PermanentFailure("payload field 'file' must be a path inside DATA_DIR, got '" + file + "'");
        }
        Path path = dataDir.resolve(file);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "upload not found under DATA_DIR");
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
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
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("uploadId", payload.path("uploadId").asText());
        result.put("bytes", bytes);
        result.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        result.put("language", payload.path("language").isNull() ? null : payload.path("language").asText(null));
        result.putAll(wavInfo(header, headerLength));
        result.put("transcript", null);
        result.put("note", "speech recognition is not part of this build; the recording was verified and stored");
        return Json.mapper().writeValueAsString(result);
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
