package io.modelfleet.benchmarks.formats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A body as UTF-8 text lines numbered from 1, as an editor shows them. A UTF-8 byte order mark is dropped
 * (spreadsheet tools on Windows write one), and CRLF, LF and lone CR all end a line, so a file that went through
 * a Windows editor keeps its line numbers.
 */
final class TextLines {

    record Line(int number, String text) {

        boolean blank() {
            return text.isBlank();
        }
    }

    private TextLines() {
    }

    /** Every line, blank ones included, so numbers stay true; bytes that are not UTF-8 are an error at their line. */
    static List<Line> of(byte[] body) {
        String text = decode(body);
        List<Line> lines = new ArrayList<>();
        int number = 1;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(new Line(number++, text.substring(start, i)));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(new Line(number, text.substring(start)));
        }
        return lines;
    }

    /** The lines that hold something: the ones every format reads. */
    static List<Line> nonBlank(List<Line> lines) {
        return lines.stream().filter(line -> !line.blank()).toList();
    }

    static int bomLength(byte[] body) {
        return body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF
                ? 3 : 0;
    }

    /** True for a body with nothing but a byte order mark and white space. */
    static boolean isBlank(byte[] body) {
        for (int i = bomLength(body); i < body.length; i++) {
            if (!Character.isWhitespace((char) (body[i] & 0xFF))) {
                return false;
            }
        }
        return true;
    }

    private static String decode(byte[] body) {
        int bom = bomLength(body);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, bom, body.length - bom);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw Location.line(lineOfByte(body, in.position()))
                    .error("byte " + (in.position() + 1) + " is not UTF-8 text: save the file as UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static int lineOfByte(byte[] body, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (body[i] == '\n' || (body[i] == '\r' && (i + 1 >= body.length || body[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
