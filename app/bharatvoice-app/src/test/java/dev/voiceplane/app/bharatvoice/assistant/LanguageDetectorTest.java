package dev.voiceplane.app.bharatvoice.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    private final LanguageDetector detector = new LanguageDetector();

    @Test
    void devanagariIsHindiUnlessMarathiWordsOrLlaSayOtherwise() {
        assertThat(detector.detect("मुझे मदद चाहिए").language()).isEqualTo("hi");
        assertThat(detector.detect("मला मदत हवी आहे").language()).isEqualTo("mr");
        assertThat(detector.detect("शाळा").language()).isEqualTo("mr");
    }

    @Test
    void theDominantScriptWinsInMixedText() {
        Detection mixed = detector.detect("मेरा order कहाँ है? मुझे बताइए");
        assertThat(mixed.language()).isEqualTo("hi");
        assertThat(mixed.confidence()).isLessThan(1.0);
    }

    @Test
    void textWithoutLettersIsEnglishWithNoConfidence() {
        Detection digits = detector.detect("112 ?!");
        assertThat(digits.language()).isEqualTo("en");
        assertThat(digits.confidence()).isZero();
    }
}
