package io.dendra.compiler.graph;

/**
 * Convolutions and pooling as sparse matrices over values laid out (C, H, W), channel-major as in
 * PyTorch and NIR; a 1-D convolution is the 2-D one with H = 1. Output size per axis:
 * {@code ⌊(n + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1}; taps that fall in the padding read zero.
 */
public final class Convolutions {
    private Convolutions() {}

    /** Size of one output axis, or a value below 1 when the kernel does not fit. */
    public static int outputSize(int n, int kernel, int stride, int padding, int dilation) {
        return Math.floorDiv(n + 2 * padding - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /**
     * A convolution: {@code weight} is (cOut, cIn/groups, kh, kw) row-major; input (cIn, h, w);
     * output (cOut, oh, ow) with {@code oh, ow} from {@link #outputSize}.
     */
    public static SparseMatrix conv(double[] weight, int cOut, int cIn, int groups, int h, int w, int kh, int kw, int[] stride, int[] padding,
            int[] dilation) {
        int oh = outputSize(h, kh, stride[0], padding[0], dilation[0]);
        int ow = outputSize(w, kw, stride[1], padding[1], dilation[1]);
        int inPerGroup = cIn / groups;
        int outPerGroup = cOut / groups;
        SparseMatrix.Builder b = new SparseMatrix.Builder(cOut * oh * ow, cIn * h * w);
        for (int co = 0; co < cOut; co++) {
            int group = co / outPerGroup;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int g = 0; g < inPerGroup; g++) {
                        int ci = group * inPerGroup + g;
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = oy * stride[0] - padding[0] + ky * dilation[0];
                            if (iy < 0 || iy >= h) continue;
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = ox * stride[1] - padding[1] + kx * dilation[1];
                                if (ix < 0 || ix >= w) continue;
                                b.add((ci * h + iy) * w + ix, weight[((co * inPerGroup + g) * kh + ky) * kw + kx]);
                            }
                        }
                    }
                    b.endRow();
                }
            }
        }
        return b.build().withKernel(new SparseMatrix.SharedKernel(cOut, oh * ow, inPerGroup * kh * kw, false));
    }

    /** Sum pooling per channel ({@code scale} 1), or average pooling ({@code scale} 1/(kh·kw), padding counted). */
    public static SparseMatrix pool(int channels, int h, int w, int kh, int kw, int[] stride, int[] padding, double scale) {
        int oh = outputSize(h, kh, stride[0], padding[0], 1);
        int ow = outputSize(w, kw, stride[1], padding[1], 1);
        SparseMatrix.Builder b = new SparseMatrix.Builder(channels * oh * ow, channels * h * w);
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * stride[0] - padding[0] + ky;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * stride[1] - padding[1] + kx;
                            if (ix >= 0 && ix < w) b.add((c * h + iy) * w + ix, scale);
                        }
                    }
                    b.endRow();
                }
            }
        }
        return b.build();
    }
}
