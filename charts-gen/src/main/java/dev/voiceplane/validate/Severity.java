package dev.voiceplane.validate;

/**
 * How bad a finding is. Every unwaived finding fails {@code validate} (exit 1); the severity orders
 * the report and becomes the SARIF {@code level} code scanning shows.
 */
public enum Severity {
    /** The cluster or cloud would refuse the object, or it would not work as deployed. */
    ERROR("error"),
    /** It would run, but against the policy (hardening, reliability) the stacks are held to. */
    WARNING("warning");

    private final String sarifLevel;

    Severity(String sarifLevel) {
        this.sarifLevel = sarifLevel;
    }

    /** The SARIF 2.1.0 {@code level} value. */
    public String sarifLevel() {
        return sarifLevel;
    }
}
