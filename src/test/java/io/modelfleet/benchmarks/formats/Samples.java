package io.modelfleet.benchmarks.formats;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample files under src/test/resources/benchmarks/, and small helpers the format tests share. */
final class Samples {

    private Samples() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Samples.class.getResourceAsStream("/benchmarks/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ParsedFile parse(BenchmarkFormat format, String path) {
        return BenchmarkFileParser.parse(format, bytes(path));
    }

    static BenchmarkFileException failure(BenchmarkFormat format, byte[] body) {
        return assertThrows(BenchmarkFileException.class, () -> BenchmarkFileParser.parse(format, body));
    }

    static BenchmarkFileException failure(BenchmarkFormat format, String text) {
        return failure(format, utf8(text));
    }
}
