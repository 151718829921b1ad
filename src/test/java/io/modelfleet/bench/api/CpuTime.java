package io.modelfleet.bench.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, from /proc (Linux): the benchmark divides it by the requests served, a figure that
 * stays meaningful when other work shares the machine, unlike a rate.
 */
final class CpuTime {

    /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
