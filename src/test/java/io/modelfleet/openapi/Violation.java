package io.modelfleet.openapi;

/**
 * One way a JSON value breaks its schema: where (a JSON pointer into the body, "" for the root), what the
 * document promised there, and what was found instead.
 */
public record Violation(String pointer, String expected, String found) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": expected " + expected + ", found " + found;
    }
}
