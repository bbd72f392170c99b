package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.speech.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A reply arriving as pieces of text (a model's tokens), handed on as complete sentences: each
 * sentence goes to text-to-speech as soon as its last piece arrives, the rest waits for more.
 * Pieces come from the thread reading the reply; {@link #end} from the one that waited for it.
 */
final class SentenceStream {

    private final Consumer<String> sentence;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder whole = new StringBuilder();
    private final CompletableFuture<Void> first = new CompletableFuture<>();
    private boolean pieces;
    private boolean ended;

    SentenceStream(Consumer<String> sentence) {
        this.sentence = sentence;
    }

    /** More of the reply. */
    synchronized void add(String piece) {
        if (ended) {
            return; // a late piece of a reply already given up on
        }
        pieces = true;
        whole.append(piece);
        pending.append(piece);
        List<String> complete = new ArrayList<>();
        String rest = Sentences.split(pending.toString(), complete);
        pending.setLength(0);
        pending.append(rest);
        complete.forEach(this::give);
    }

    /**
     * Waits until the first sentence was handed on or {@code reply} completed, at most until
     * {@code deadline} ({@link System#nanoTime()}); false when neither happened by then. Throws the
     * reply's failure when it failed first.
     */
    boolean awaitFirst(CompletableFuture<?> reply, long deadline) throws InterruptedException, ExecutionException {
        try {
            CompletableFuture.anyOf(first, reply).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Whether any sentence was handed on. */
    boolean given() {
        return first.isDone();
    }

    /**
     * The reply is complete: hands on what is left (the last sentence may lack its full stop), or
     * when no pieces came, {@code reply} sentence by sentence; returns the whole reply.
     */
    synchronized String end(String reply) {
        ended = true;
        if (!pieces) {
            Sentences.of(reply).forEach(this::give);
            return reply.trim();
        }
        if (!pending.toString().isBlank()) {
            give(pending.toString().trim());
        }
        pending.setLength(0);
        return whole.toString().trim();
    }

    /** The reply is given up on before its first sentence: {@code text} is said instead. */
    synchronized void instead(String text) {
        ended = true;
        pending.setLength(0);
        Sentences.of(text).forEach(this::give);
    }

    private void give(String text) {
        sentence.accept(text);
        first.complete(null);
    }
}
