package dev.voiceplane.app.speech;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A whole recording on disk, as a user uploaded it, to be transcribed in one piece (batch).
 *
 * @param id     a name for it that is safe in provider job names and object keys ([0-9A-Za-z._-])
 * @param file   where its bytes are
 * @param format the container, as the upload's extension says: wav, mp3, ogg, webm, flac, m4a or mp4
 */
public record Recording(String id, Path file, String format) {

    /** Media types an upload may have, to the format name providers use. */
    public static final Map<String, String> FORMATS = Map.of("wav", "audio/wav", "mp3", "audio/mpeg", "ogg", "audio/ogg",
            "webm", "audio/webm", "flac", "audio/flac", "m4a", "audio/mp4", "mp4", "audio/mp4");

    public Recording {
        Objects.requireNonNull(file, "file");
        if (id == null || !id.matches("[0-9A-Za-z._-]{1,100}")) {
            throw new IllegalArgumentException("recording id '" + id + "' must be 1-100 of [0-9A-Za-z._-]");
        }
        format = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!FORMATS.containsKey(format)) {
            throw new IllegalArgumentException("recording format '" + format + "' is not one of " + new java.util.TreeSet<>(FORMATS.keySet()));
        }
    }
}
