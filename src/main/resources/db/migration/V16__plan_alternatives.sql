-- Every option the planner considered, one row per (deployment, cluster) pair of a plan, kept out of the plan body
-- so that a large fleet's body stays readable; GET /plans/{id}/alternatives pages these. position is the pair's
-- place in (deployment, cluster) order and options the pair's options as a JSON array, already in the order the
-- endpoint serves. Plans stored before this table keep their full lists in plan.result and have no rows here.
CREATE TABLE plan_alternatives (
    id         UUID    PRIMARY KEY,
    plan_id    UUID    NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    deployment TEXT    NOT NULL,
    cluster    TEXT    NOT NULL,
    options    TEXT    NOT NULL,
    CONSTRAINT plan_alternatives_position_uq UNIQUE (plan_id, position)
);
