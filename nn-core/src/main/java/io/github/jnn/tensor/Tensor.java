package io.github.jnn.tensor;

import java.util.Arrays;

/**
 * A dense row-major array with a shape and a {@link DType}. Rank 2 ({@code [batch, features]}) is what the
 * modules use; other ranks exist for parameters such as a bias ({@code [n]}).
 *
 * <p>The backing array is exposed on purpose: kernels work on primitive arrays, and modules reuse their
 * buffers instead of allocating one per call. A float64 tensor is backed by a {@code double[]}
 * ({@link #doubles()}), a float32 one by a {@code float[]} ({@link #floats()}); the element accessors
 * ({@link #getFlat}, {@link #setFlat}, {@link #get}, {@link #set}) work for both, in double.
 *
 * <p>{@link #to(DType)} returns a converted copy; {@link #convertTo(DType)} changes the element type in place,
 * keeping the tensor's identity, which is how {@code Module.to} converts parameters that optimizers already
 * hold (PyTorch's {@code module.to()} keeps its parameter objects the same way).
 */
public final class Tensor {
    private final int[] shape;
    private DType dtype;
    /** The float64 storage, or null for a float32 tensor. */
    private double[] data;
    /** The float32 storage, or null for a float64 tensor. */
    private float[] floats;

    private Tensor(double[] data, int[] shape) {
        this.shape = shape;
        this.dtype = DType.FLOAT64;
        this.data = data;
    }

    private Tensor(float[] floats, int[] shape) {
        this.shape = shape;
        this.dtype = DType.FLOAT32;
        this.floats = floats;
    }

    /** A zero-filled float64 tensor. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new double[checkedSize(shape)], shape.clone());
    }

    /** A zero-filled tensor of the given element type. */
    public static Tensor zeros(DType dtype, int... shape) {
        if (dtype == null) {
            throw new IllegalArgumentException("Tensor.zeros: dtype is null");
        }
        int size = checkedSize(shape);
        return dtype == DType.FLOAT64 ? new Tensor(new double[size], shape.clone())
                : new Tensor(new float[size], shape.clone());
    }

    /** Wraps float32 {@code data} without copying; its length must equal the product of {@code shape}. */
    public static Tensor wrap(float[] data, int... shape) {
        return new Tensor(data, wrappedShape(data == null ? -1 : data.length, shape));
    }

    /** Wraps {@code data} without copying; its length must equal the product of {@code shape}. */
    public static Tensor wrap(double[] data, int... shape) {
        return new Tensor(data, wrappedShape(data == null ? -1 : data.length, shape));
    }

    /** A copy of {@code shape} after checking that {@code length} values (-1: null data) fill it. */
    private static int[] wrappedShape(int length, int[] shape) {
        if (length < 0) {
            throw new IllegalArgumentException("Tensor.wrap: data is null");
        }
        int size = checkedSize(shape);
        if (length != size) {
            throw new IllegalArgumentException("Tensor.wrap: " + length + " values do not fill shape "
                    + Arrays.toString(shape) + " (" + size + " values)");
        }
        return shape.clone();
    }

    /** A copy of a rectangular {@code double[rows][cols]} as a {@code [rows, cols]} tensor. */
    public static Tensor of(double[][] rows) {
        if (rows == null || rows.length == 0 || rows[0] == null) {
            throw new IllegalArgumentException("Tensor.of: need at least one non-null row");
        }
        int cols = rows[0].length;
        double[] data = new double[Math.multiplyExact(rows.length, cols)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has "
                        + (rows[i] == null ? "null" : rows[i].length + " values") + ", row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** A copy of {@code values} as a rank-1 float64 tensor. */
    public static Tensor vector(double... values) {
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** A copy of {@code values} as a rank-1 float32 tensor. */
    public static Tensor vector(float... values) {
        return wrap(values.clone(), values.length);
    }

    /** Class indices as a rank-1 float64 tensor {@code [n]}, the index form of the NLL criteria's targets. */
    public static Tensor classes(int... labels) {
        if (labels == null) {
            throw new IllegalArgumentException("Tensor.classes: labels are null");
        }
        double[] v = new double[labels.length];
        for (int i = 0; i < v.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("Tensor.classes: labels[" + i + "] = " + labels[i]
                        + " is not a class index (they start at 0)");
            }
            v[i] = labels[i];
        }
        return new Tensor(v, new int[] {labels.length});
    }

    private static int checkedSize(int[] shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("Tensor: shape must have at least one dimension");
        }
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Tensor: negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Tensor: shape " + Arrays.toString(shape)
                        + " has more elements than a Java array can hold");
            }
        }
        return (int) size;
    }

    public DType dtype() {
        return dtype;
    }

    public int rank() {
        return shape.length;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IndexOutOfBoundsException("Tensor.dim: axis " + axis + " of shape " + shapeString());
        }
        return shape[axis];
    }

    /** Number of elements. */
    public int size() {
        return data != null ? data.length : floats.length;
    }

    /** Rows of a rank-2 tensor (the batch size). */
    public int rows() {
        requireRank2("rows");
        return shape[0];
    }

    /** Columns of a rank-2 tensor (the features). */
    public int cols() {
        requireRank2("cols");
        return shape[1];
    }

    /**
     * The backing float64 array, row-major; writes are visible in the tensor.
     *
     * @throws IllegalStateException if this tensor is float32
     */
    public double[] doubles() {
        if (data == null) {
            throw new IllegalStateException("Tensor " + shapeString() + " is float32: use floats(), or to(FLOAT64)"
                    + " for a float64 copy");
        }
        return data;
    }

    /**
     * The backing float32 array, row-major; writes are visible in the tensor.
     *
     * @throws IllegalStateException if this tensor is float64
     */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("Tensor " + shapeString() + " is float64: use doubles(), or to(FLOAT32)"
                    + " for a float32 copy");
        }
        return floats;
    }

    public double get(int i, int j) {
        requireRank2("get");
        return element(index(i, j));
    }

    public void set(int i, int j, double v) {
        requireRank2("set");
        setElement(index(i, j), v);
    }

    /** Element {@code i} of the flat row-major storage, as a double whatever the element type. */
    public double getFlat(int i) {
        checkFlat("getFlat", i);
        return element(i);
    }

    /** Sets element {@code i} of the flat storage; a float32 tensor stores {@code (float) v}. */
    public void setFlat(int i, double v) {
        checkFlat("setFlat", i);
        setElement(i, v);
    }

    /** Element i of the storage, i already checked ({@link #checkFlat} or {@link #index}). */
    private double element(int i) {
        return data != null ? data[i] : floats[i];
    }

    private void setElement(int i, double v) {
        if (data != null) {
            data[i] = v;
        } else {
            floats[i] = (float) v;
        }
    }

    private void checkFlat(String method, int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("Tensor." + method + ": index " + i + " outside [0, " + size()
                    + ") of shape " + shapeString());
        }
    }

    /** This tensor if it already has {@code target} as element type, otherwise a converted copy. */
    public Tensor to(DType target) {
        if (target == null) {
            throw new IllegalArgumentException("Tensor.to: dtype is null");
        }
        return target == dtype ? this : zeros(target, shape).copyFrom(this);
    }

    /**
     * Changes the element type in place (float64 to float32 rounds each value to nearest), keeping this
     * tensor's identity; arrays obtained earlier from {@link #doubles()} or {@link #floats()} are no longer
     * its storage. Returns this.
     */
    public Tensor convertTo(DType target) {
        if (target == null) {
            throw new IllegalArgumentException("Tensor.convertTo: dtype is null");
        }
        if (target != dtype) {
            Tensor converted = to(target);
            data = converted.data;
            floats = converted.floats;
            dtype = target;
        }
        return this;
    }

    private int index(int i, int j) {
        if (i < 0 || i >= shape[0] || j < 0 || j >= shape[1]) {
            throw new IndexOutOfBoundsException("index (" + i + ", " + j + ") outside shape " + shapeString());
        }
        return i * shape[1] + j;
    }

    public boolean sameShape(Tensor other) {
        return other != null && Arrays.equals(shape, other.shape);
    }

    public boolean hasShape(int... dims) {
        return Arrays.equals(shape, dims);
    }

    /** {@link #hasShape(int...)} for a vector, without the array a varargs call allocates. */
    public boolean hasShape(int length) {
        return shape.length == 1 && shape[0] == length;
    }

    /** {@link #hasShape(int...)} for a matrix, without the array a varargs call allocates. */
    public boolean hasShape(int rows, int cols) {
        return shape.length == 2 && shape[0] == rows && shape[1] == cols;
    }

    /** {@link #hasShape(int...)} for a batch of images {@code [N, C, H, W]}, without a varargs array. */
    public boolean hasShape(int n, int c, int h, int w) {
        return shape.length == 4 && shape[0] == n && shape[1] == c && shape[2] == h && shape[3] == w;
    }

    /** Whether this tensor and {@code other} are views of one storage ({@link #reshape}). */
    public boolean sharesStorage(Tensor other) {
        return other != null && (data != null ? data == other.data : floats == other.floats);
    }

    /** The shape as {@code [5, 4]}, as error messages print it. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    /**
     * A tensor of {@code shape} over this one's storage (no copy), as PyTorch's {@code view}: writes through
     * either show in both. The sizes must hold the same number of elements. A later {@link #convertTo} of
     * either gives it new storage and separates the two.
     */
    public Tensor reshape(int... newShape) {
        int size = checkedSize(newShape);
        if (size != size()) {
            throw new IllegalArgumentException("Tensor.reshape: shape " + Arrays.toString(newShape) + " ("
                    + size + " elements) does not fit " + shapeString() + " (" + size() + " elements)");
        }
        return dtype == DType.FLOAT64 ? new Tensor(data, newShape.clone()) : new Tensor(floats, newShape.clone());
    }

    public Tensor copy() {
        return data != null ? new Tensor(data.clone(), shape.clone()) : new Tensor(floats.clone(), shape.clone());
    }

    /**
     * Copies {@code src}'s values into this tensor; shapes must match. Element types may differ: values are
     * converted (float64 to float32 rounds to nearest).
     */
    public Tensor copyFrom(Tensor src) {
        if (!sameShape(src)) {
            throw new IllegalArgumentException("Tensor.copyFrom: source shape "
                    + (src == null ? "null" : src.shapeString()) + " does not match " + shapeString());
        }
        if (data != null && src.data != null) {
            System.arraycopy(src.data, 0, data, 0, data.length);
        } else if (floats != null && src.floats != null) {
            System.arraycopy(src.floats, 0, floats, 0, floats.length);
        } else if (data != null) {
            for (int i = 0; i < data.length; i++) {
                data[i] = src.floats[i];
            }
        } else {
            for (int i = 0; i < floats.length; i++) {
                floats[i] = (float) src.data[i];
            }
        }
        return this;
    }

    /** Copies a {@code double[rows][cols]} into this rank-2 tensor; shapes must match. */
    public Tensor copyFrom(double[][] rows) {
        return copyFrom(of(rows));
    }

    public Tensor fill(double v) {
        if (data != null) {
            Arrays.fill(data, v);
        } else {
            Arrays.fill(floats, (float) v);
        }
        return this;
    }

    /** All values, row-major, as a new {@code double[]}, whatever the element type or rank. */
    public double[] toDoubleArray() {
        return data != null ? data.clone() : to(DType.FLOAT64).data;
    }

    /** All values, row-major, as a new {@code float[]} (rounded from float64), whatever the rank. */
    public float[] toFloatArray() {
        return floats != null ? floats.clone() : to(DType.FLOAT32).floats;
    }

    /** A {@code double[rows][cols]} copy of a rank-2 tensor. */
    public double[][] toArray() {
        requireRank2("toArray");
        double[][] out = new double[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            for (int j = 0; j < shape[1]; j++) {
                out[i][j] = getFlat(i * shape[1] + j);
            }
        }
        return out;
    }

    private void requireRank2(String what) {
        if (shape.length != 2) {
            throw new IllegalStateException("Tensor." + what + " needs a rank-2 tensor, shape is " + shapeString());
        }
    }

    /** Values like NumPy prints them, rows on their own lines; large tensors are shortened. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(").append(dtype.name().toLowerCase()).append(", ")
                .append(shapeString()).append(")");
        if (size() > 1000) {
            return sb.toString();
        }
        sb.append('\n');
        int cols = shape[shape.length - 1];
        int rows = cols == 0 ? 0 : size() / cols;
        sb.append('[');
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "[" : " [");
            for (int j = 0; j < cols; j++) {
                sb.append(String.format(java.util.Locale.ROOT, "%13.8f", getFlat(i * cols + j)));
            }
            sb.append(i == rows - 1 ? "]" : "]\n");
        }
        return sb.append(']').toString();
    }
}
