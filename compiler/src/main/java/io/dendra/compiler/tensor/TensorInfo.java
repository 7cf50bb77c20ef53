package io.dendra.compiler.tensor;

/** What a tensor file says about one tensor before its data is read. */
public record TensorInfo(String name, DType dtype, int[] shape) {
    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public String shapeString() {
        return Tensor.formatShape(shape);
    }
}
