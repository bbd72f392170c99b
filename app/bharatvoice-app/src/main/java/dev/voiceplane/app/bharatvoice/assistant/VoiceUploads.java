package dev.voiceplane.app.bharatvoice.assistant;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Voice uploads: the request body is streamed straight to {@code DATA_DIR/uploads} (never held in
 * memory, so a 50 MB recording costs a 64 KB buffer), bounded by {@link #MAX_BYTES}; a partial
 * file is deleted when the upload fails or is too large. The finished file is renamed into place
 * atomically, so the worker never sees half a file.
 */
public final class VoiceUploads {

    /** The guide's ingress allows large bodies on voice endpoints; this is the service's own bound. */
    public static final long MAX_BYTES = 50L * 1024 * 1024;
    public static final String DIRECTORY = "uploads";

    /** Accepted content types and the file extension each is stored with. */
    static final Map<String, String> TYPES = Map.of(
            "audio/wav", "wav", "audio/x-wav", "wav", "audio/wave", "wav", "audio/mpeg", "mp3", "audio/ogg", "ogg",
            "audio/webm", "webm", "audio/flac", "flac", "audio/mp4", "m4a");

    /** The content type audio stored as {@code fileName} is served with: the first accepted type, alphabetically, of its extension. */
    public static java.util.Optional<String> contentTypeOf(String fileName) {
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.entrySet().stream().filter(e -> e.getValue().equals(extension)).map(Map.Entry::getKey).sorted().findFirst();
    }

    /** Deletes a stored upload that could not be recorded (its user was erased meanwhile). */
    public void discard(Stored stored) {
        deleteQuietly(dataDir.resolve(stored.file()));
    }

    /** A stored upload. {@code file} is relative to DATA_DIR, the form the worker resolves. */
    public record Stored(String id, String file, long bytes, String contentType) {
    }

    private final Path dataDir;

    public VoiceUploads(Path dataDir) {
        this.dataDir = dataDir;
        try {
            Files.createDirectories(dataDir.resolve(DIRECTORY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir.resolve(DIRECTORY) + " (DATA_DIR must be a writable volume)", e);
        }
    }

    public Stored store(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        String extension = TYPES.get(contentType);
        if (extension == null) {
            throw new HttpResponseException(415, "Content-Type must be one of " + new java.util.TreeSet<>(TYPES.keySet())
                    + ", got '" + contentType + "'");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        String id = UUID.randomUUID().toString();
        Path partial = dataDir.resolve(DIRECTORY).resolve(id + ".part");
        Path target = dataDir.resolve(DIRECTORY).resolve(id + "." + extension);
        long bytes = 0;
        try (InputStream in = ctx.bodyInputStream(); OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                bytes += read;
                if (bytes > MAX_BYTES) {
                    throw tooLarge();
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            if (e instanceof HttpResponseException http) {
                throw http;
            }
            throw new HttpResponseException(400, "the upload was interrupted: " + e.getMessage());
        }
        if (bytes == 0) {
            deleteQuietly(partial);
            throw new HttpResponseException(400, "the request body is empty: send the audio as the body");
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("cannot store upload " + id, e);
        }
        return new Stored(id, DIRECTORY + "/" + target.getFileName(), bytes, contentType);
    }

    private static HttpResponseException tooLarge() {
        return new HttpResponseException(413, "audio uploads are limited to " + MAX_BYTES / (1024 * 1024) + " MB");
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover .part file is harmless; the next upload has another name
        }
    }
}
