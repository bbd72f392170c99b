-- Whether a telephony provider asserted the caller's number (only a service on the call path can
-- say so); profile-analytics builds caller profiles only from such calls.
ALTER TABLE call_analysis ADD COLUMN caller_asserted BOOLEAN NOT NULL DEFAULT false;
-- The report outbox retries with backoff and gives up into a dead-letter: a report profile-analytics
-- refuses as wrong (4xx), or one still failing after the schedule's attempts, is kept for an
-- operator but no longer retried, so it cannot hold up the reports behind it.
ALTER TABLE call_analysis ADD COLUMN report_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE call_analysis ADD COLUMN next_report_at TIMESTAMPTZ;
ALTER TABLE call_analysis ADD COLUMN report_dead_lettered_at TIMESTAMPTZ;
ALTER TABLE call_analysis ADD COLUMN report_error TEXT;
DROP INDEX call_analysis_unreported;
CREATE INDEX call_analysis_unreported ON call_analysis (next_report_at, created_at)
    WHERE reported_at IS NULL AND caller_number IS NOT NULL AND report_dead_lettered_at IS NULL;
