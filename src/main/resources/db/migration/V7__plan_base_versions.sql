-- The model version each planned deployment had when the plan was made. An upgrade plan's snapshot carries the
-- version it moves to, so only this column tells "the deployment moved on since" apart from "this plan moves it".
-- JSON object: deployment name -> version. NULL for plans made before this column existed.
ALTER TABLE plan ADD COLUMN base_versions TEXT;
