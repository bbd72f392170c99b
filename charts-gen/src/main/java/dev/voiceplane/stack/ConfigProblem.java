package dev.voiceplane.stack;

/**
 * One thing wrong with a stack file, located so a person can go straight to it.
 *
 * @param file    the stack file as the user named it (or the Pulumi config source)
 * @param line    1-based line, or 0 when unknown
 * @param key     the full key, e.g. {@code voiceplane:replicas.min}
 * @param message what is wrong and, where possible, how to fix it
 */
public record ConfigProblem(String file, int line, String key, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return key.isEmpty() ? where + ": " + message : where + ": " + key + ": " + message;
    }
}
