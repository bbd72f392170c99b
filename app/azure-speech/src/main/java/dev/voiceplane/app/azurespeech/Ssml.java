package dev.voiceplane.app.azurespeech;

/**
 * The SSML document of one synthesis. The reply text comes from a language model and may hold
 * {@code <}, {@code &} or quotes: it is escaped, so it can only ever be spoken, never change the
 * markup (voice, prosody, audio elements).
 */
final class Ssml {

    private Ssml() {
    }

    static String of(String voice, String text) {
        return "<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang='" + escape(language(voice)) + "'>"
                + "<voice name='" + escape(voice) + "'>" + escape(text) + "</voice></speak>";
    }

    /** {@code en-US} from {@code en-US-JennyNeural}: Azure's voice names start with their locale. */
    static String language(String voice) {
        String[] parts = voice.split("-");
        return parts.length >= 3 ? parts[0] + "-" + parts[1] : "en-US";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                default -> {
                    // Control characters are not allowed in XML 1.0; a stray one would make Azure reject the request.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
