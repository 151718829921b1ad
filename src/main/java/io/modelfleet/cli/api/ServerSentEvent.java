package io.modelfleet.cli.api;

/** One event of a {@code text/event-stream}: its name ({@code message} when the server named none) and data. */
public record ServerSentEvent(String event, String data) {
}
