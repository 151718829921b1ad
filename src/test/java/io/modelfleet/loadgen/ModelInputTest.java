package io.modelfleet.loadgen;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a declared input shape becomes the shape fed at a batch size, and when it cannot. */
class ModelInputTest {

    private static final long N = ModelInput.DYNAMIC;

    @Test
    void autoSetsTheBatchDimensionAndKeepsTheDeclaredRest() {
        ModelInput image = new ModelInput("x", ElementType.FP32, List.of(N, 3L, 224L, 224L));

        assertArrayEquals(new long[] {8, 3, 224, 224}, image.shapeAt(8, Optional.empty()));
    }

    @Test
    void givenShapeFillsTheOpenDimensions() {
        ModelInput tokens = new ModelInput("input_ids", ElementType.INT64, List.of(N, N));

        assertArrayEquals(new long[] {4, 128}, tokens.shapeAt(4, Optional.of(List.of(128L))));
    }

    @Test
    void aFixedBatchDimensionTakesOnlyItsOwnBatchSize() {
        ModelInput fixed = new ModelInput("x", ElementType.FP32, List.of(1L, 64L));

        assertArrayEquals(new long[] {1, 64}, fixed.shapeAt(1, Optional.empty()));
        UsageError error = assertThrows(UsageError.class, () -> fixed.shapeAt(8, Optional.empty()));
        assertEquals("--batch-sizes: input 'x' has a fixed batch dimension of 1, so batch size 8 cannot be fed",
                error.getMessage());
    }

    @Test
    void autoRefusesAnOpenDimensionBesidesTheBatchOne() {
        ModelInput tokens = new ModelInput("input_ids", ElementType.INT64, List.of(N, N));

        UsageError error = assertThrows(UsageError.class, () -> tokens.shapeAt(1, Optional.empty()));
        assertEquals("--input-shape: input 'input_ids' leaves dimension 1 open (declared [?,?]); give the "
                + "dimensions after the batch one, e.g. --input-shape 128", error.getMessage());
    }

    @Test
    void givenShapeOfTheWrongRankOrAgainstAFixedDimensionIsRefused() {
        ModelInput image = new ModelInput("x", ElementType.FP32, List.of(N, 3L, N, N));

        assertEquals("--input-shape: 2 dimensions given, but input 'x' has 3 besides the batch dimension "
                        + "(declared [?,3,?,?])",
                assertThrows(UsageError.class, () -> image.shapeAt(1, Optional.of(List.of(224L, 224L)))).getMessage());
        assertEquals("--input-shape: dimension 1 of input 'x' is fixed at 3 by the model, not 4 (declared [?,3,?,?])",
                assertThrows(UsageError.class,
                        () -> image.shapeAt(1, Optional.of(List.of(4L, 224L, 224L)))).getMessage());
        assertArrayEquals(new long[] {2, 3, 96, 128}, image.shapeAt(2, Optional.of(List.of(3L, 96L, 128L))));
    }

    @Test
    void aScalarInputIsFedAsItIs() {
        ModelInput scalar = new ModelInput("temperature", ElementType.FP32, List.of());

        assertArrayEquals(new long[0], scalar.shapeAt(8, Optional.empty()));
    }
}
