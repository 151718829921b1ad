-- Design 006 (I1): a plan that does not plan a deployment reserves the nodes its running replicas occupy, which
-- needs each running placement's batch size and what one replica takes (accelerator units, vCPUs, memory). The
-- rollout engine writes them from now on; rows written before are backfilled from the plan they came from (its
-- result's placement gives the batch size, its snapshot's benchmark of that variant, hardware and batch size the
-- per-replica resources). Nullable: a row whose plan and benchmark are both gone keeps them null and is counted as
-- one whole node per replica (the most it can hold).
ALTER TABLE running_placement
    ADD COLUMN batch_size               INTEGER          CHECK (batch_size > 0),
    ADD COLUMN accelerators_per_replica INTEGER          CHECK (accelerators_per_replica >= 0),
    ADD COLUMN vcpus_per_replica        DOUBLE PRECISION CHECK (vcpus_per_replica > 0),
    ADD COLUMN memory_gib_per_replica   DOUBLE PRECISION CHECK (memory_gib_per_replica > 0);

-- The batch size the row's plan placed it at (plan.result is JSON text).
UPDATE running_placement rp SET batch_size = (placement ->> 'batchSize')::integer
FROM plan p, jsonb_array_elements(p.result::jsonb -> 'placements') AS placement
WHERE p.id = rp.plan_id
  AND placement ->> 'deployment' = rp.deployment
  AND placement ->> 'cluster' = rp.cluster;

-- What one replica needed there, as the plan's snapshot recorded it (plan.snapshot is JSON text).
UPDATE running_placement rp SET
    accelerators_per_replica = (bench ->> 'acceleratorsPerReplica')::integer,
    vcpus_per_replica        = (bench ->> 'vcpusPerReplica')::double precision,
    memory_gib_per_replica   = (bench ->> 'memoryGiBPerReplica')::double precision
FROM plan p, jsonb_array_elements(p.snapshot::jsonb -> 'variants') AS variant,
     jsonb_array_elements(variant -> 'benchmarks') AS bench
WHERE p.id = rp.plan_id
  AND rp.batch_size IS NOT NULL
  AND variant ->> 'id' = rp.variant_id
  AND bench ->> 'hardware' = rp.hardware
  AND (bench ->> 'batchSize')::integer = rp.batch_size;

-- No plan left to say: the most any declared benchmark of the variant on that hardware takes, dimension by
-- dimension (accelerators, vCPUs, memory): counting a replica bigger than it may be only reserves more, never less,
-- than it holds. The batch size stays unknown.
UPDATE running_placement rp SET
    accelerators_per_replica = b.accelerators_per_replica,
    vcpus_per_replica        = b.vcpus_per_replica,
    memory_gib_per_replica   = b.memory_gib_per_replica
FROM (SELECT b.variant_id, h.name AS hardware, MAX(b.accelerators_per_replica) AS accelerators_per_replica,
             MAX(b.vcpus_per_replica) AS vcpus_per_replica, MAX(b.memory_gib_per_replica) AS memory_gib_per_replica
      FROM benchmark b JOIN hardware_profile h ON h.id = b.hardware_profile_id
      WHERE NOT b.observed
      GROUP BY b.variant_id, h.name) b
WHERE rp.vcpus_per_replica IS NULL
  AND b.variant_id::text = rp.variant_id
  AND b.hardware = rp.hardware;
