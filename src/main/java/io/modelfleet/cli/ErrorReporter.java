package io.modelfleet.cli;

import io.modelfleet.cli.api.ApiProblem;
import io.modelfleet.cli.api.ConnectionFailure;
import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Turns what a command threw into one clear message on stderr and its exit status (see {@link ExitCodes}). */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+\\S+");

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        int status = report(e, err);
        err.flush();
        return status;
    }

    static int report(Exception e, PrintWriter err) {
        if (e instanceof ApiProblem p) {
            err.println("error: " + p.detail() + " (HTTP " + p.status() + " " + p.title() + ")");
            for (ApiProblem.FieldError f : p.errors()) {
                String line = f.field() + ": " + f.message();
                // A one-field problem's detail is often that field's line already: say it once.
                if (!line.equals(p.detail())) {
                    err.println("  " + line);
                }
            }
            if (p.status() == 401) {
                err.println("  the token was refused: run modelfleet login URL with a valid token");
            }
            return ExitCodes.API_ERROR;
        }
        if (e instanceof ConnectionFailure c) {
            err.println("error: " + c.getMessage());
            return ExitCodes.CONNECTION;
        }
        if (e instanceof CommandLine.ParameterException pe) {
            err.println("error: " + pe.getMessage() + " (see: " + pe.getCommandLine().getCommandName()
                    + " --help)");
            return ExitCodes.USAGE;
        }
        if (e instanceof UsageError u) {
            err.println("error: " + u.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("error: internal error in modelfleet: " + redacted(e.toString()));
        return ExitCodes.INTERNAL;
    }

    /**
     * An unexpected exception's text may quote a request header (the JDK's "invalid header value" does): whatever
     * follows "Bearer" is cut, so a token never reaches a terminal or a CI log through an error.
     */
    static String redacted(String text) {
        return BEARER.matcher(text).replaceAll("Bearer <redacted>");
    }
}
