package io.modelfleet.openapi;

/** One real request of the scripted session and what the server answered. */
record Exchange(String operation, String purpose, int expectedStatus, int status, String contentType, String body) {

    /** The media type without parameters such as charset. */
    String mediaType() {
        if (contentType == null || contentType.isBlank()) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
    }

    String describe() {
        return operation + " (" + purpose + ") -> " + status;
    }
}
