-- A cancel of a plan job must reach the control plane running it, whichever replica the request came to
-- (design 004, I5): any replica sets cancel_requested on the RUNNING row; the owner's heartbeat reads it back
-- and stops its solve.
ALTER TABLE plan ADD COLUMN cancel_requested BOOLEAN NOT NULL DEFAULT FALSE;
