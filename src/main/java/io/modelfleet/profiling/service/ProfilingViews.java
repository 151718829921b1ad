package io.modelfleet.profiling.service;

import io.modelfleet.profiling.dto.ProfilingRunRequest;
import io.modelfleet.profiling.dto.ProfilingRunView;
import io.modelfleet.profiling.entity.ProfilingRun;

/** A stored run as the API shows it. */
final class ProfilingViews {

    /** How much of the end of the load generator's log a run keeps: enough for its last progress lines. */
    static final int LOGS_EXCERPT_CHARS = 4096;

    private ProfilingViews() {
    }

    static ProfilingRunView view(ProfilingRun r) {
        return new ProfilingRunView(r.id(), r.model(), r.variantId(), r.hardware(), r.cluster(), r.pool(),
                r.targetType(), r.state(), r.reason(), r.grid().batchSizes(), r.grid().concurrencies(),
                r.durationSeconds(), r.timeoutSeconds(), r.acceleratorsPerReplica(), r.vcpusPerReplica(),
                r.memoryGiBPerReplica(), new ProfilingRunRequest.Input(r.input().name(), r.input().shape(),
                        r.input().datatype()),
                new ProfilingRunView.Job(r.jobName(), r.jobNamespace(), r.loadgenImage(), r.jobManifest()),
                r.createdAt(), r.createdBy(), r.startedAt(), r.finishedAt(), r.logsExcerpt(), r.rows());
    }

    /** The last {@value #LOGS_EXCERPT_CHARS} characters of a log, from the start of a line where one is near. */
    static String excerpt(String log) {
        if (log == null) {
            return null;
        }
        if (log.length() <= LOGS_EXCERPT_CHARS) {
            return log;
        }
        String tail = log.substring(log.length() - LOGS_EXCERPT_CHARS);
        int line = tail.indexOf('\n');
        return line >= 0 && line < 200 ? tail.substring(line + 1) : tail;
    }
}
