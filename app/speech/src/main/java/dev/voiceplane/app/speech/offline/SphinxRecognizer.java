package dev.voiceplane.app.speech.offline;

import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.util.TimeFrame;
import java.io.IOException;
import java.io.InputStream;

/**
 * One Sphinx4 recognizer over the US English models, allocated once and reused for utterance after
 * utterance (the library's {@code StreamSpeechRecognizer} allocates and frees its search for every
 * stream, which recompiles the lexical tree each time: seconds per utterance).
 *
 * <p>Beams narrower than the library's defaults (20000 / 1e-60): about three times faster on a
 * phone-length utterance for a small loss of accuracy, which is what a development engine should
 * trade. Not thread-safe: one per decoder thread.
 */
final class SphinxRecognizer extends AbstractSpeechRecognizer {

    private static final String MODELS = "resource:/edu/cmu/sphinx/models/en-us/";

    private SphinxRecognizer(Context context) throws IOException {
        super(context);
        recognizer.allocate();
    }

    static SphinxRecognizer load() throws IOException {
        return new SphinxRecognizer(context());
    }

    /** The components of one recognizer over the US English models, configured but not yet allocated. */
    static Context context() throws IOException {
        Configuration configuration = new Configuration();
        configuration.setAcousticModelPath(MODELS + "en-us");
        configuration.setDictionaryPath(MODELS + "cmudict-en-us.dict");
        configuration.setLanguageModelPath(MODELS + "en-us.lm.bin");
        configuration.setSampleRate(16_000);
        Context context = new Context(configuration);
        // Per component, before the search is made: changing the global properties instead reconfigures
        // components the context has already built, and leaves the front end unconnected.
        for (String list : new String[] {"activeList", "standardActiveListFactory", "fastmatchActiveList"}) {
            context.setLocalProperty(list + "->absoluteBeamWidth", "4000");
        }
        context.setLocalProperty("activeList->relativeBeamWidth", "1e-45");
        context.setLocalProperty("standardActiveListFactory->relativeBeamWidth", "1e-45");
        context.setLocalProperty("wordPruningLookaheadSearchManager->relativeBeamWidth", "1e-45");
        context.setLocalProperty("wordActiveListFactory->absoluteBeamWidth", "50");
        context.setLocalProperty("wordActiveListFactory->relativeBeamWidth", "1e-30");
        return context;
    }

    /** Decodes {@code audio} (16 kHz 16-bit little-endian mono PCM) from now on; read the words with {@link #nextSegment()}. */
    void start(InputStream audio) {
        context.setSpeechSource(audio, TimeFrame.INFINITE);
    }

    /**
     * The words of the next speech segment Sphinx finds in the stream (fillers and silences left
     * out), or null at its end. Read from the result itself: the library's {@code SpeechResult}
     * also builds a word lattice, which costs time and trips an internal assertion.
     */
    String nextSegment() {
        edu.cmu.sphinx.result.Result result = recognizer.recognize();
        return result == null ? null : result.getBestResultNoFiller();
    }
}
