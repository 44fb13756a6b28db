package io.github.jnn.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Indices outside a tensor and labels that are no class name the call and the shape. */
class TensorGuardsTest {

    @Test
    void flatIndicesAndAxesOutsideTheShapeAreNamed() {
        for (DType dtype : DType.values()) {
            Tensor t = Tensor.zeros(dtype, 2, 3);
            t.setFlat(5, 7);
            assertEquals(7.0, t.getFlat(5));
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.getFlat(6));
            assertEquals("Tensor.getFlat: index 6 outside [0, 6) of shape [2, 3]", e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> t.setFlat(-1, 0));
            assertEquals("Tensor.setFlat: index -1 outside [0, 6) of shape [2, 3]", e.getMessage());
        }
        Tensor t = Tensor.zeros(2, 3);
        assertEquals(3, t.dim(1));
        assertEquals("Tensor.dim: axis 2 of shape [2, 3]",
                assertThrows(IndexOutOfBoundsException.class, () -> t.dim(2)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> t.dim(-1));
    }

    @Test
    void classIndicesStartAtZero() {
        assertEquals(2.0, Tensor.classes(0, 2).getFlat(1));
        assertEquals("Tensor.classes: labels[1] = -1 is not a class index (they start at 0)",
                assertThrows(IllegalArgumentException.class, () -> Tensor.classes(0, -1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.classes((int[]) null));
    }
}
