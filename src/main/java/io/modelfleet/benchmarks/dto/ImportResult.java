package io.modelfleet.benchmarks.dto;

import io.modelfleet.catalog.dto.VariantView;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an import did: the rows of the file as they now stand in the catalog, how many were new or replaced an
 * older measurement, and notes on what was assumed (a batch size the file does not record, a derived concurrency).
 * {@code unchanged} is true (and the status 200) when the same file had been imported already.
 */
@Schema(requiredProperties = {"model", "variantId", "format", "tool", "fileSha256", "created", "replaced", "unchanged",
        "rows", "notes"})
public record ImportResult(String model, UUID variantId, String format, String tool, String fileSha256, int created,
        int replaced, boolean unchanged, List<VariantView.Benchmark> rows, List<String> notes) {
}
