package io.modelfleet.loadgen;

import io.modelfleet.loadgen.InferenceTarget.Requester;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures one (batch size, concurrency) point as a closed loop: {@code concurrency} requesters, each sending its
 * next request as soon as the previous one answered, first for the warmup (not recorded), then for the measured
 * window. Because every requester has one request in flight at all times but for the few nanoseconds of bookkeeping
 * between two, throughput x mean latency equals concurrency x batch size (Little's law; design record 007, B6), which
 * the tests check. A latency runs from just before the request is sent to just after its answer arrived.
 *
 * <p>Both phases start at a barrier, so all requesters warm up together and measure together. A requester starts
 * no request after the window's deadline and finishes the one in flight.
 */
final class ClosedLoop {

    private final InferenceTarget target;
    private final Duration warmup;
    private final Duration duration;
    private final PrintStream progress;

    ClosedLoop(InferenceTarget target, Duration warmup, Duration duration, PrintStream progress) {
        this.target = target;
        this.warmup = warmup;
        this.duration = duration;
        this.progress = progress;
    }

    PointResult measure(int batchSize, int concurrency) throws TargetFailure, InterruptedException {
        String point = "batch " + batchSize + ", concurrency " + concurrency;
        List<Requester> requesters = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "loadgen-b" + batchSize + "-c" + concurrency);
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < concurrency; i++) {
                requesters.add(target.requester(batchSize, i));
            }
            progress.printf(Locale.ROOT, "%s: warming up %d ms, measuring %d ms%n", point, warmup.toMillis(),
                    duration.toMillis());
            Phases phases = new Phases(concurrency);
            ErrorSamples warmupSamples = new ErrorSamples();
            ErrorSamples samples = new ErrorSamples();
            List<Future<Lane>> futures = new ArrayList<>();
            for (Requester requester : requesters) {
                futures.add(threads.submit(() -> run(requester, phases, warmupSamples, samples)));
            }
            List<Lane> lanes = collect(point, futures);
            List<LatencyLog> logs = lanes.stream().map(Lane::log).toList();
            long lastEnd = lanes.stream().mapToLong(Lane::endNanos).max().orElseThrow();
            long warmupErrors = lanes.stream().mapToLong(Lane::warmupErrors).sum();
            long errors = logs.stream().mapToLong(LatencyLog::errors).sum();
            PointResult result = PointResult.of(batchSize, concurrency, lastEnd - phases.measureStart,
                    LatencyLog.sortedUnion(logs), errors);
            report(point, result, warmupErrors, warmupSamples, samples);
            return result;
        } finally {
            threads.shutdownNow();
            requesters.forEach(Requester::close);
        }
    }

    /**
     * Every requester's lane; when one broke down, its own cause is reported rather than the broken barrier it left
     * the others.
     */
    private static List<Lane> collect(String point, List<Future<Lane>> futures)
            throws TargetFailure, InterruptedException {
        List<Lane> lanes = new ArrayList<>();
        Throwable failure = null;
        for (Future<Lane> future : futures) {
            try {
                lanes.add(future.get());
            } catch (ExecutionException e) {
                if (failure == null || failure instanceof BrokenBarrierException) {
                    failure = e.getCause();
                }
            }
        }
        if (failure != null) {
            throw new TargetFailure(point + ": a requester broke down: " + failure, failure);
        }
        return lanes;
    }

    private Lane run(Requester requester, Phases phases, ErrorSamples warmupSamples, ErrorSamples samples)
            throws Exception {
        try {
            phases.startWarmup.await();
            long warmupErrors = 0;
            long now = System.nanoTime();
            while (now < phases.warmupEnd) {
                try {
                    requester.infer();
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    warmupErrors++;
                    warmupSamples.add(e);
                }
                now = System.nanoTime();
            }
            phases.startMeasuring.await();
            LatencyLog log = new LatencyLog();
            now = System.nanoTime();
            while (now < phases.measureEnd) {
                // a fresh start time: the loop's own bookkeeping between two requests is no request's latency
                long sent = System.nanoTime();
                try {
                    requester.infer();
                    now = System.nanoTime();
                    log.success(now - sent);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    now = System.nanoTime();
                    log.error();
                    samples.add(e);
                }
            }
            return new Lane(log, now, warmupErrors);
        } catch (Throwable t) {
            // a requester that dies must not leave the others waiting at a barrier
            phases.startWarmup.reset();
            phases.startMeasuring.reset();
            throw t;
        }
    }

    private void report(String point, PointResult result, long warmupErrors, ErrorSamples warmupSamples,
                        ErrorSamples samples) {
        String latency = result.requests() == 0 ? "no successful request"
                : String.format(Locale.ROOT, "mean %.3f ms, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms", result.meanMs(),
                result.p50Ms(), result.p90Ms(), result.p99Ms());
        progress.printf(Locale.ROOT, "%s: %d requests, %d errors, %.1f inferences/s, %s%n", point, result.requests(),
                result.errors(), result.throughputRps(), latency);
        if (warmupErrors > 0) {
            progress.printf(Locale.ROOT, "%s: %d errors during the warmup (not counted)%n", point, warmupErrors);
            warmupSamples.print(point + " warmup", progress);
        }
        samples.print(point, progress);
    }

    /** The two starting lines of a point; the barrier actions fix the deadlines once every requester is there. */
    private final class Phases {
        final CyclicBarrier startWarmup;
        final CyclicBarrier startMeasuring;
        volatile long warmupEnd;
        volatile long measureStart;
        volatile long measureEnd;

        Phases(int requesters) {
            startWarmup = new CyclicBarrier(requesters, () -> warmupEnd = System.nanoTime() + warmup.toNanos());
            startMeasuring = new CyclicBarrier(requesters, () -> {
                measureStart = System.nanoTime();
                measureEnd = measureStart + duration.toNanos();
            });
        }
    }

    private record Lane(LatencyLog log, long endNanos, long warmupErrors) {
    }

}
