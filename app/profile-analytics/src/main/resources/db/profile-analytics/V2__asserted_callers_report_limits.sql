-- Whether a telephony provider asserted the caller's number (issue 10): only such calls build caller
-- profiles and entitle the called user to report the number. Calls recorded before this column were
-- posted with numbers nobody vouched for, so they stay unasserted.
ALTER TABLE call_record ADD COLUMN caller_asserted BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX call_record_asserted_caller ON call_record (caller_number, user_id) WHERE caller_asserted;

-- The per-account daily limit and the report weighting count a user's recent reports.
CREATE INDEX spam_report_user ON spam_report (user_id, reported_at);
