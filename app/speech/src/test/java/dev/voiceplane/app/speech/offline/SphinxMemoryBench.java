package dev.voiceplane.app.speech.offline;

import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.TiedStateAcousticModel;
import edu.cmu.sphinx.linguist.dictionary.TextDictionary;
import edu.cmu.sphinx.linguist.language.ngram.trie.NgramTrieModel;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one Sphinx4 recognizer costs in heap, and which of its parts: the acoustic model, the
 * dictionary, the language model, and the rest (the lexical tree the linguist compiles from them, the
 * search and the front end). Then the heap of 1..N whole recognizers, as {@link SphinxSpeechToText}
 * keeps one per decoder thread. Retained heap is read after repeated full GCs.
 *
 * <p>Run: {@code java -cp <speech test class path> dev.voiceplane.app.speech.offline.SphinxMemoryBench [N=3]}
 */
public final class SphinxMemoryBench {

    private SphinxMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.println("one recognizer, part by part (MB retained):");
        long before = retained();
        Context context = SphinxRecognizer.context();
        long graph = retained();
        context.getInstance(TiedStateAcousticModel.class).allocate();
        long acoustic = retained();
        context.getInstance(TextDictionary.class).allocate();
        long dictionary = retained();
        context.getInstance(NgramTrieModel.class).allocate();
        long language = retained();
        context.getInstance(edu.cmu.sphinx.recognizer.Recognizer.class).allocate();
        long whole = retained();
        print("configuration graph", graph - before);
        print("acoustic model (en-us ptm)", acoustic - graph);
        print("dictionary (cmudict-en-us)", dictionary - acoustic);
        print("language model (en-us.lm.bin)", language - dictionary);
        print("lexical tree, search, front end", whole - language);
        print("whole recognizer", whole - before);
        context = null;

        System.out.println(count + " recognizers as SphinxSpeechToText pools them (MB retained, each increment):");
        List<SphinxRecognizer> pool = new ArrayList<>();
        long[] increments = new long[count];
        long last = retained();
        for (int i = 0; i < count; i++) {
            pool.add(SphinxRecognizer.load());
            long now = retained();
            increments[i] = now - last;
            last = now;
            print("recognizer " + (i + 1), increments[i]);
        }
        long[] sorted = increments.clone();
        Arrays.sort(sorted);
        print("median per recognizer", sorted[count / 2]);
        System.out.printf("pool of %d: %.1f MB, %.2f times one%n", count, (last - before) / 1e6, (double) (last - before) / sorted[count / 2]);
        System.out.println(pool.size() + " loaded");
    }

    private static void print(String what, long bytes) {
        System.out.printf("  %-34s %8.1f%n", what, bytes / 1e6);
    }

    /** Heap in use once repeated full collections stop freeing anything. */
    private static long retained() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
