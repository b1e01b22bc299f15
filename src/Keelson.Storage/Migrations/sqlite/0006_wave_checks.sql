-- Keelson schema 0006: how far a forEach element's wave checks went (change control asks before an
-- element starts and after it succeeded): NULL (not asked yet), 'admitted' (allowed to start),
-- 'checked' (its after-wave check passed). Kept with the row, so a restarted engine neither skips
-- an after-wave check nor asks a passed one again.
-- Keep this file and postgres/0006_wave_checks.sql describing the same schema.
ALTER TABLE flow_tasks ADD COLUMN wave TEXT NULL;
