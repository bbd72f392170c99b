package dev.voiceplane.app.speech.offline;

import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechToText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline speech-to-text with CMU Sphinx4 (BSD-style licence, https://cmusphinx.github.io/) and the
 * US English models {@code sphinx4-data} ships (acoustic model, the CMU pronouncing dictionary and a
 * general trigram language model; 16 kHz). Good for development, tests and a demo on one machine
 * with no key; far from production accuracy, and English only.
 *
 * <p>Each utterance is decoded on one of {@code decoders} threads while its audio arrives (the
 * recognizer reads a stream), so when the caller stops only the tail is left to decode. A decoder
 * thread owns its recognizer, models included: about 155 MB of heap each (SphinxMemoryBench: acoustic
 * model and front end ~68, language model ~47, lexical tree and search ~35, dictionary ~22), so a pod
 * sizes its memory by its decoder count. Utterances beyond {@code decoders} wait for a free one.
 *
 * <p>The models are not shared between recognizers because sphinx4 keeps per-utterance state in them
 * (https://github.com/cmusphinx/sphinx4, sphinx4-core/src/main/java/edu/cmu/sphinx/linguist/...):
 * <ul>
 * <li>the en-us acoustic model is phonetically tied ({@code -model ptm} in its feat.params), and each
 * base phone's {@code tiedmixture/MixtureComponentSet} carries the top Gaussians from the previous frame
 * and caches this frame's scores keyed by the frame's first sample number, so two utterances decoded
 * at once would re-rank each other's Gaussians and read each other's scores at equal offsets;</li>
 * <li>{@code language/ngram/trie/NgramTrieModel.getProbability} fills an unsynchronized
 * {@code util/LRUCache} (a {@code LinkedHashMap}) and {@code onUtteranceEnd} replaces it;</li>
 * <li>{@code dictionary/TextDictionary.getWord} fills a plain {@code HashMap} on first lookup, and
 * {@code lextree/LexTreeLinguist} caches search arcs in another {@code LRUCache}.</li>
 * </ul>
 * Sharing the language model and dictionary alone (about 45 % of a recognizer) would need them
 * wrapped in locks that every hypothesis expansion takes, and injected through {@code Context}'s
 * private configuration manager; not done.
 */
public final class SphinxSpeechToText implements SpeechToText, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SphinxSpeechToText.class);
    /** Marks the end of an utterance's audio in its queue. */
    private static final byte[] END = new byte[0];

    private final ExecutorService decoders;
    private final ThreadLocal<SphinxRecognizer> recognizer = ThreadLocal.withInitial(SphinxSpeechToText::newRecognizer);
    private final int decoderCount;

    /** @param decoders utterances decoded at once (one recognizer each); about one per core */
    public SphinxSpeechToText(int decoders) {
        this.decoderCount = decoders;
        AtomicInteger threads = new AtomicInteger();
        this.decoders = Executors.newFixedThreadPool(decoders, r -> {
            Thread thread = new Thread(r, "sphinx-decoder-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts loading the models on every decoder thread (about 5 s each on a quiet core), so the
     * first callers do not wait for them; returns at once, the future completes when all are loaded.
     */
    public CompletableFuture<Void> warmUp() {
        CompletableFuture<?>[] loads = new CompletableFuture<?>[decoderCount];
        for (int i = 0; i < decoderCount; i++) {
            loads[i] = CompletableFuture.runAsync(recognizer::get, decoders);
        }
        return CompletableFuture.allOf(loads);
    }

    private static SphinxRecognizer newRecognizer() {
        try {
            long start = System.nanoTime();
            SphinxRecognizer loaded = SphinxRecognizer.load();
            LOG.info("Sphinx4 models loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("the Sphinx4 models are not on the class path (de.sciss:sphinx4-data)", e);
        }
    }

    @Override
    public Recognition start(Consumer<String> partial) {
        BlockingQueue<byte[]> audio = new ArrayBlockingQueue<>(1_024); // 20 s of 20 ms frames: more than any utterance
        CompletableFuture<String> words = CompletableFuture.supplyAsync(() -> decode(new QueueInputStream(audio), partial), decoders);
        return new Recognition() {
            @Override
            public void accept(byte[] pcm16k) {
                if (pcm16k.length > 0 && !audio.offer(pcm16k)) {
                    LOG.warn("utterance longer than the decoder's queue; audio dropped");
                }
            }

            @Override
            public String finish(Duration timeout) {
                audio.offer(END);
                try {
                    return words.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new SpeechException("offline speech-to-text (Sphinx4) gave no result within " + timeout.toMillis() + " ms", true, e);
                } catch (ExecutionException e) {
                    LOG.warn("Sphinx4 failed on an utterance", e.getCause());
                    throw new SpeechException("offline speech-to-text (Sphinx4) failed: " + e.getCause(), false, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SpeechException("interrupted", false, e);
                }
            }

            @Override
            public void cancel() {
                audio.clear();
                audio.offer(END);
            }
        };
    }

    /** Runs on a decoder thread: every segment Sphinx finds in the utterance, joined. */
    private String decode(InputStream audio, Consumer<String> partial) {
        SphinxRecognizer sphinx = recognizer.get();
        StringBuilder words = new StringBuilder();
        sphinx.start(audio);
        String segment;
        while ((segment = sphinx.nextSegment()) != null) {
            String hypothesis = segment.replace("<unk>", "").trim();
            if (!hypothesis.isEmpty()) {
                words.append(words.length() == 0 ? "" : " ").append(hypothesis);
                partial.accept(words.toString());
            }
        }
        return words.toString();
    }

    @Override
    public void close() {
        decoders.shutdownNow();
    }

    /** The utterance's audio as the stream Sphinx reads; ends at {@link #END}. */
    private static final class QueueInputStream extends InputStream {
        private final BlockingQueue<byte[]> chunks;
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        QueueInputStream(BlockingQueue<byte[]> chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (position == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("decoder stopped");
                }
                position = 0;
                if (current == END) {
                    ended = true;
                    current = new byte[0];
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
