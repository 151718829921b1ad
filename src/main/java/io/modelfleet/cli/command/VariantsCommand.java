package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelfleet.cli.ExitCodes;
import io.modelfleet.cli.Session;
import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.api.ApiProblem;
import io.modelfleet.cli.render.OutputFormat;
import io.modelfleet.cli.render.ProgressBar;
import io.modelfleet.cli.render.ResourceTables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelfleet variants register -f FILE}: registers the variants of a file, one request each, in order. */
@Command(name = "variants", description = "Manage model variants.", subcommands = VariantsCommand.Register.class)
public final class VariantsCommand {

    @Command(name = "register", description = "Register the variants of a YAML or JSON file (with their benchmarks).")
    public static final class Register implements Callable<Integer> {

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "variants to register")
        Path file;

        @Option(names = "--model", paramLabel = "MODEL", description = "model of the documents that name none")
        String model;

        @Mixin
        OutputOption output;

        private final Session session;

        public Register(Session session) {
            this.session = session;
        }

        /**
         * Stops at the first refusal, saying which document it was and what was registered before it: each variant
         * is its own request, so those stay registered (running the file again refuses them as duplicates, 409).
         */
        @Override
        public Integer call() {
            List<VariantDocuments.Variant> variants = VariantDocuments.read(file, model);
            ApiClient api = session.api();
            PrintWriter err = session.io().err();
            var registered = ApiClient.JSON.createArrayNode();
            for (int i = 0; i < variants.size(); i++) {
                VariantDocuments.Variant v = variants.get(i);
                if (variants.size() > 1) {
                    progress(err, i, variants.size());
                }
                try {
                    JsonNode created = api.post("/models/" + ApiClient.encode(v.model()) + "/variants", v.body(),
                            Map.of()).body();
                    registered.add(created);
                } catch (ApiProblem p) {
                    endProgress(err, variants.size());
                    if (variants.size() > 1) {
                        err.println("variant " + (i + 1) + " of " + variants.size() + " (model " + v.model() + ", version "
                            + v.body().path("version").asText() + ", " + v.body().path("precision").asText()
                            + ") was refused; " + i + " registered before it");
                    }
                    throw p;
                }
            }
            if (variants.size() > 1) {
                progress(err, variants.size(), variants.size());
                endProgress(err, variants.size());
            }
            if (output.format == OutputFormat.TABLE) {
                session.io().out().print(ResourceTables.variants(registered));
            } else {
                session.io().out().print(output.format.write(registered));
            }
            return ExitCodes.OK;
        }

        private void progress(PrintWriter err, int done, int total) {
            String line = "registering " + ProgressBar.bar(done, total) + " variants";
            if (session.io().interactive()) {
                err.print("\r" + line);
                err.flush();
            } else {
                err.println(line);
            }
        }

        private void endProgress(PrintWriter err, int total) {
            if (session.io().interactive() && total > 1) {
                err.println();
            }
        }
    }
}
