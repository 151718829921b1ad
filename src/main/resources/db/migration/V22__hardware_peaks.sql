-- Design 007: the roofline estimate's hardware inputs. peak_tera_ops maps a precision the profile runs natively to
-- the node's dense peak in tera-operations per second (all its accelerators together, or its CPUs); an empty object
-- means no peak is known, and then no estimate is made. memory_bandwidth_gbps is the node's accelerator memory
-- bandwidth (DRAM bandwidth on CPU profiles) in GB/s, NULL when unknown. Existing profiles get neither: nothing
-- is estimated for them until someone supplies figures with a source.
ALTER TABLE hardware_profile
    ADD COLUMN peak_tera_ops JSONB NOT NULL DEFAULT '{}'
        CONSTRAINT hardware_profile_peak_tera_ops_object CHECK (jsonb_typeof(peak_tera_ops) = 'object'),
    ADD COLUMN memory_bandwidth_gbps DOUBLE PRECISION
        CONSTRAINT hardware_profile_memory_bandwidth_gbps_check CHECK (memory_bandwidth_gbps > 0);
