package dev.voiceplane.app.conversationengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntentDetectorTest {

    private final IntentDetector detector = new IntentDetector();

    @Test
    void aKnownSpammersProfileTipsAnAmbiguousUtteranceToRobocall() {
        String text = "Hello, we have a special offer for you";
        assertThat(detector.detect(text, 0, null).intent()).isEqualTo(Intent.SALES_PITCH);
        assertThat(detector.detect(text, 0.95, null).intent()).isEqualTo(Intent.SPAM_ROBOCALL);
    }

    @Test
    void aKnownRobocallerSayingNothingRecognisableIsStillSuspected() {
        assertThat(detector.detect("mmm", 0.9, null).intent()).isEqualTo(Intent.SPAM_ROBOCALL);
        assertThat(detector.detect("mmm", 0.2, null).intent()).isEqualTo(Intent.UNKNOWN);
    }

    @Test
    void confidenceGrowsWithEvidence() {
        double weak = detector.detect("appointment", 0, null).confidence();
        double strong = detector.detect("I need to reschedule my dentist appointment for next week", 0, null).confidence();
        assertThat(strong).isGreaterThan(weak);
        assertThat(strong).isLessThanOrEqualTo(1.0);
    }

    @Test
    void thePreviousIntentBreaksATie() {
        String text = "hello, about the meeting";
        assertThat(detector.detect(text, 0, Intent.APPOINTMENT).intent()).isEqualTo(Intent.APPOINTMENT);
    }

    @Test
    void qualityDropsForARepeatedOrIrrelevantReply() {
        ResponseQuality quality = new ResponseQuality();
        IntentResult appointment = detector.detect("Can I book an appointment tomorrow at ten?", 0, null);
        String good = "I can note the appointment. Which date and time would you like to schedule?";
        DialogPrompt first = new DialogPrompt("Can I book an appointment?", appointment, List.of(), Optional.empty());
        DialogPrompt repeat = new DialogPrompt("Can I book an appointment?", appointment,
                List.of(new DialogTurn("earlier", Intent.APPOINTMENT, good)), Optional.empty());

        assertThat(quality.score(first, good)).isGreaterThanOrEqualTo(0.9);
        assertThat(quality.score(repeat, good)).isLessThan(quality.score(first, good));
        assertThat(quality.score(first, "Bananas are yellow and grow in bunches.")).isLessThan(0.7);
        assertThat(quality.score(first, "")).isZero();
    }
}
