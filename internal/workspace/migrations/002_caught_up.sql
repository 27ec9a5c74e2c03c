-- Catching up: the steps whose files the learner filled with the course's
-- answers to start further on. A caught-up step has not passed.

-- when the step was caught up (RFC 3339), NULL if it never was or was reset
ALTER TABLE steps ADD COLUMN caught_up_at TEXT;
