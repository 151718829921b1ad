package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.modelfleet.cli.ExitCodes;
import io.modelfleet.cli.Session;
import io.modelfleet.cli.UsageError;
import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.render.OutputFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code modelfleet get KIND [NAME]}: every resource of a kind (all pages) or one of them. Variants belong to a model:
 * {@code get variants MODEL [ID]}, or {@code get variants} for every model's.
 */
@Command(name = "get", description = "List resources, or show one: hardware|models|variants|clusters|deployments"
        + "|plans|rollouts [NAME] (variants: [MODEL [ID]]).")
public final class GetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND", description = "hardware, models, variants, clusters, deployments,"
            + " plans or rollouts")
    String kindName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "one resource (an id for plans and"
            + " rollouts; the model for variants)")
    String name;

    @Parameters(index = "2", arity = "0..1", paramLabel = "ID", description = "a variant's id (with MODEL)")
    String variantId;

    @Mixin
    OutputOption output;

    private final Session session;

    public GetCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        ResourceKind kind = ResourceKind.named(kindName).orElseThrow(() -> new UsageError("unknown kind '"
                + kindName + "': one of " + ResourceKind.choices()));
        if (variantId != null && kind != ResourceKind.VARIANTS) {
            throw new UsageError("only variants take a third argument (get variants MODEL ID)");
        }
        ApiClient api = session.api();
        boolean single = kind == ResourceKind.VARIANTS ? variantId != null : name != null;
        JsonNode answer = single ? api.get(onePath(kind)) : all(api, kind);
        print(kind, answer, single);
        return ExitCodes.OK;
    }

    private String onePath(ResourceKind kind) {
        if (kind == ResourceKind.VARIANTS) {
            return "/models/" + ApiClient.encode(name) + "/variants/" + ApiClient.encode(variantId);
        }
        return kind.path + "/" + ApiClient.encode(name);
    }

    private ArrayNode all(ApiClient api, ResourceKind kind) {
        if (kind != ResourceKind.VARIANTS) {
            return api.list(kind.path);
        }
        if (name != null) {
            return api.list("/models/" + ApiClient.encode(name) + "/variants");
        }
        ArrayNode variants = ApiClient.JSON.createArrayNode();
        for (JsonNode model : api.list("/models")) {
            variants.addAll(api.list("/models/" + ApiClient.encode(model.path("name").asText()) + "/variants"));
        }
        return variants;
    }

    private void print(ResourceKind kind, JsonNode answer, boolean single) {
        if (output.format != OutputFormat.TABLE) {
            session.io().out().print(output.format.write(answer));
        } else if (single) {
            session.io().out().print(kind.one(answer));
        } else if (answer.isEmpty()) {
            session.io().err().println("No " + kind.names.get(0) + " found.");
        } else {
            session.io().out().print(kind.table.apply(answer));
        }
    }
}
