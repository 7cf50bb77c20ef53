package io.dendra.simulator.report;

import java.util.Locale;

/** How reports write energies and counts for people: pJ, nJ or uJ; k, M or G. */
public final class ReportFormat {
    private ReportFormat() {}

    public static String pj(double pj) {
        if (pj >= 1e6) return String.format(Locale.ROOT, "%.2f uJ", pj / 1e6);
        if (pj >= 1e3) return String.format(Locale.ROOT, "%.2f nJ", pj / 1e3);
        return String.format(Locale.ROOT, "%.1f pJ", pj);
    }

    public static String count(long n) {
        if (n >= 1_000_000_000L) return String.format(Locale.ROOT, "%.2f G", n / 1e9);
        if (n >= 1_000_000L) return String.format(Locale.ROOT, "%.2f M", n / 1e6);
        if (n >= 1_000L) return String.format(Locale.ROOT, "%.1f k", n / 1e3);
        return Long.toString(n);
    }
}
