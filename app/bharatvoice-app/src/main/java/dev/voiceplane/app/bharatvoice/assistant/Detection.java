package dev.voiceplane.app.bharatvoice.assistant;

/**
 * The language of a text as far as its script tells.
 *
 * @param language   ISO 639-1 code: en, hi, mr, ta, te, bn, gu, kn, ml, pa
 * @param script     ISO 15924 name of the dominant script: Latin, Devanagari, Tamil, ...
 * @param confidence share of the text's letters in that script (0–1); for Devanagari also how clearly Hindi and Marathi differ
 */
public record Detection(String language, String script, double confidence) {
}
