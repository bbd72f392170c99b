-- The retention sweep finds conversations by their last activity (TranscriptRetention).
CREATE INDEX conversation_updated ON conversation (updated_at);
